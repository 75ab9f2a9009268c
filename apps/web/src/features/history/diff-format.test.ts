import { describe, expect, it } from 'vitest';
import { actionLabel, fieldLabel, formatValue } from './diff-format.ts';

describe('history diff formatting', () => {
  it('reads times, contexts, files, lists and empties as a person would', () => {
    expect(formatValue(Date.UTC(2026, 0, 2, 3, 4, 5), 'start_at')).toBe('2026-01-02T03:04:05.000Z');
    expect(formatValue({ host: 'WS01', user: '', process: 'cmd.exe' })).toBe('WS01 / – / cmd.exe');
    expect(
      formatValue([
        { filename: 'a.exe', removed: false },
        { filename: 'b.dll', removed: true },
      ]),
    ).toBe('a.exe, b.dll (removed)');
    // A shared file's hash or description change shows, not just the unchanged name.
    expect(
      formatValue(
        [
          {
            filename: 'loader.dll',
            size: 4096,
            md5: null,
            sha256: 'b'.repeat(64),
            description: 'Stage one',
            location: 'C:\\Temp',
            removed: false,
          },
        ],
        'files',
      ),
    ).toBe(`loader.dll [4096 bytes; SHA-256 ${'b'.repeat(64)}; “Stage one”; at C:\\Temp]`);
    expect(formatValue(['x', 'y'])).toBe('x, y');
    expect(formatValue([])).toBe('(none)');
    expect(formatValue('')).toBe('(empty)');
    expect(formatValue(12, 'seq')).toBe('12');
  });

  it('labels known fields and actions and falls back to readable names', () => {
    expect(fieldLabel('raw_evidence')).toBe('Raw evidence');
    expect(fieldLabel('some_new_field')).toBe('Some new field');
    expect(actionLabel('undelete')).toBe('Recovered from the trash');
    expect(actionLabel('mystery')).toBe('mystery');
  });
});
