import { describe, expect, it } from 'vitest';
import { csvCell, csvField, csvRecord, neutraliseCell, restoreCell } from './csv.ts';

describe('CSV cells', () => {
  it('defuse anything a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "=cmd|' /C calc'!A0"])
      expect(neutraliseCell(text)).toBe(`'${text}`);
    expect(neutraliseCell('plain')).toBe('plain');
    expect(neutraliseCell("it's")).toBe("it's");
  });

  it('round-trip every value, including ones that already start with a quote', () => {
    for (const text of ['=1', "'=1", "''=1", "'plain", 'plain', '', '-'])
      expect(restoreCell(neutraliseCell(text))).toBe(text);
  });

  it('quote only fields that need it, or every non-empty one when asked', () => {
    expect(csvField('a')).toBe('a');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('a', true)).toBe('"a"');
    expect(csvField('', true)).toBe('');
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
    expect(csvRecord(['a', ''], { quoteAll: true })).toBe('"a",\r\n');
  });

  it('write nulls, numbers and booleans as text, guarded', () => {
    expect([null, 3, true, '=x', 'a,b'].map(csvCell)).toEqual(['', '3', 'true', "'=x", '"a,b"']);
  });
});
