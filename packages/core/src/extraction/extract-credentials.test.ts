import { describe, expect, it } from 'vitest';
import { EXTRACTORS } from './catalogue.ts';
import type { CredentialExtractor } from './credential-finding.ts';
import { extractCredentials } from './extract.ts';
import { FIXTURES } from './fixtures/index.ts';

const secretsdump = FIXTURES.find((f) => f.extractor === 'secretsdump')?.text ?? '';
const naa = FIXTURES.find((f) => f.extractor === 'sharpsccm-naa')?.text ?? '';

describe('extractCredentials', () => {
  it('keeps running the other extractors when one throws, and reports it', () => {
    const broken: CredentialExtractor = {
      name: 'broken',
      mayMatch: () => true,
      extract: () => {
        throw new Error('boom');
      },
    };
    const errors: string[] = [];
    const found = extractCredentials(`${secretsdump}\n${naa}`, {
      extractors: [broken, ...EXTRACTORS],
      onError: (name) => errors.push(name),
    });
    expect(errors).toEqual(['broken']);
    expect(found.map((f) => f.account)).toEqual(['Administrator', 'WDAGUtilityAccount', 'USER']);
  });

  it('finds the same credentials, once, however often the text is parsed or repeated', () => {
    const once = extractCredentials(naa);
    expect(extractCredentials(naa)).toEqual(once);
    expect(extractCredentials(`${naa}\n${naa}\n${naa}`)).toEqual(once);
  });

  it('reads CRLF output and Cobalt Strike `received output:` lines like plain output', () => {
    const crlf = `[12/07 10:00:00] [+] received output:\r\n${secretsdump.replace(/\n/g, '\r\n')}`;
    expect(extractCredentials(crlf)).toEqual(extractCredentials(secretsdump));
  });

  it('keeps only the cracked finding when a hash appears with and without its cleartext', () => {
    const nt = '8846f7eaee8fb117ad06bdd830b7586c';
    const text = `bob:1104:aad3b435b51404eeaad3b435b51404ee:${nt}:::\nbob:${nt}:password\n`;
    const found = extractCredentials(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ account: 'bob', hash: nt, hashType: 1000, secret: 'password' });
  });

  it('fills the default system only where the output names none', () => {
    const found = extractCredentials(
      `${secretsdump}\nCORP\\HOST$:aad3b435b51404eeaad3b435b51404ee:0123456789abcdef0123456789abcdef:::`,
      {
        defaultSystem: 'WS01',
      },
    );
    expect(found.map((f) => f.system)).toEqual(['WS01', 'WS01', 'CORP']);
  });

  it('finds every sample in one mixed output as it finds them one by one', () => {
    const each = FIXTURES.flatMap((f) => extractCredentials(f.text));
    const mixed = extractCredentials(FIXTURES.map((f) => f.text).join('\n\nunrelated output line\n\n'));
    for (const f of each.filter((x) => x.hash)) expect(mixed.some((m) => m.hash === f.hash)).toBe(true);
    for (const f of each.filter((x) => x.secret)) expect(mixed.some((m) => m.secret === f.secret)).toBe(true);
  });

  it('keeps every finding of an output with hundreds of thousands of them', () => {
    const lm = 'aad3b435b51404eeaad3b435b51404ee';
    const dump = Array.from(
      { length: 150_000 },
      (_, i) => `CORP\\u${i}:${1000 + i}:${lm}:${i.toString(16).padStart(32, '0')}:::`,
    ).join('\n');
    const errors: string[] = [];
    const found = extractCredentials(dump, { onError: (name) => errors.push(name) });
    expect(errors).toEqual([]);
    expect(found).toHaveLength(150_000);
    expect(found[149_999]).toMatchObject({ system: 'CORP', account: 'u149999', hashType: 1000 });
  });
});
