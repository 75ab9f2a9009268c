import { describe, expect, it } from 'vitest';
import {
  attachmentSearchText,
  castOutputText,
  SEARCH_TEXT_MAX_CHARS,
  terminalText,
} from './attachment.search-text.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** An asciicast v2 recording: a header line, then `[time, code, data]` events. */
const CAST_V2 = [
  JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1765000000, env: { SHELL: '/bin/bash' } }),
  JSON.stringify([0.1, 'o', '\u001b[01;32mop@kali\u001b[00m:~$ ']),
  JSON.stringify([0.9, 'i', 'n']),
  JSON.stringify([1.2, 'o', 'nmap -sV 10.0.0.5\r\n']),
  JSON.stringify([2.5, 'm', 'scan done']),
  JSON.stringify([3.1, 'o', '\u001b]0;title\u0007445/tcp open  microsoft-ds\r\n']),
  JSON.stringify([3.2, 'r', '100x30']),
].join('\n');

describe('the searchable text of an attachment', () => {
  it('reads what a terminal recording printed, without its JSON or escape sequences', () => {
    const text = castOutputText(CAST_V2);
    expect(text).toBe('op@kali:~$ nmap -sV 10.0.0.5\n445/tcp open  microsoft-ds\n');
    // The JSON framing (keys, codes, timings) and the typed keys are not searched.
    expect(text).not.toMatch(/version|width|"o"|0\.1|scan done|title/);
  });

  it('reads asciicast v1 and v3 recordings', () => {
    const v1 = JSON.stringify({
      version: 1,
      stdout: [
        [0.1, 'whoami\r\n'],
        [0.2, 'corp\\admin\r\n'],
      ],
    });
    expect(castOutputText(v1)).toBe('whoami\ncorp\\admin\n');
    const v3 = [
      JSON.stringify({ version: 3, term: { cols: 80, rows: 24 } }),
      '# a comment line',
      JSON.stringify([0.5, 'o', 'mimikatz # sekurlsa::logonpasswords\r\n']),
    ].join('\n');
    expect(castOutputText(v3)).toBe('mimikatz # sekurlsa::logonpasswords\n');
  });

  it('skips a cut last line (only the start of a long recording is read)', () => {
    const cut = `${CAST_V2}\n[4.0, "o", "half a li`;
    expect(castOutputText(cut)).toMatch(/microsoft-ds\n$/);
  });

  it('reads .txt and .log as text and no other file', () => {
    expect(attachmentSearchText('notes.TXT', bytes('Found creds in share'))).toBe('Found creds in share');
    expect(attachmentSearchText('agent.log', bytes('\u001b[31merror\u001b[0m beacon lost'))).toBe(
      'error beacon lost',
    );
    expect(attachmentSearchText('rec.cast', bytes(CAST_V2))).toContain('microsoft-ds');
    expect(attachmentSearchText('shot.png', bytes('not read'))).toBeNull();
    expect(attachmentSearchText('report.pdf', bytes('not read'))).toBeNull();
  });

  it('reads nothing from a binary file under a text name', () => {
    expect(attachmentSearchText('dump.log', new Uint8Array([0x4d, 0x5a, 0x00, 0x90]))).toBeNull();
  });

  it('keeps only so much text of a large file', () => {
    const text = attachmentSearchText('big.log', bytes('word '.repeat(100_000)));
    expect(text).toHaveLength(SEARCH_TEXT_MAX_CHARS);
  });

  it('turns carriage returns into line breaks and other control characters into spaces', () => {
    expect(terminalText('a\r\nb\rc\u0007d\te')).toBe('a\nb\nc d\te');
  });
});
