import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-error.ts';
import { describeSaveError, mapServerField } from './save-event.ts';

describe('server errors beside the form fields', () => {
  it('maps API field names onto the form (file rows by position, contexts as a whole)', () => {
    expect(mapServerField('files.1.md5', ['row-a', 'row-b'])).toBe('files.row-b.md5');
    expect(mapServerField('files.0', ['row-a'])).toBe('files.row-a');
    expect(mapServerField('source.host', [])).toBe('source');
    expect(mapServerField('mitre_attack_technique', [])).toBe('technique');
    expect(mapServerField('timestamp_end', [])).toBe('timestamp_end');
  });

  it('keeps the server messages word for word, and reports a stale version as a conflict', () => {
    const bad = new ApiError(400, 'validation_error', 'Invalid input', [
      { field: 'mitre_attack_technique', message: 'MITRE ATT&CK Technique is not associated with Tactic' },
    ]);
    expect(describeSaveError(bad, [])).toEqual({
      conflict: null,
      fields: { technique: 'MITRE ATT&CK Technique is not associated with Tactic' },
      message: 'Invalid input',
    });
    const stale = new ApiError(409, 'conflict', 'This event was changed by someone else (version 5).');
    expect(describeSaveError(stale, []).conflict).toBe('This event was changed by someone else (version 5).');
  });
});
