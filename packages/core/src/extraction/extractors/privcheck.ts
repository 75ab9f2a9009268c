import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { blocksFrom, splitLines } from '../text.ts';

/** One `[CREDMANAGER]   Key: value` line of a SAL-BOF privcheck credential block. */
export const privcheckFieldPattern = definePattern({
  name: 'privcheck-field',
  description: 'SAL-BOF privcheck Credential Manager fields (`[CREDMANAGER]   Target: host`)',
  source: String.raw`^\[CREDMANAGER\][ \t]+(?<key>Target|User|Secret):[ \t]*(?<value>[^\n]*)$`,
  secretGroups: [],
});

/** The secret line alone, as the redaction must mask it. */
export const privcheckSecretPattern = definePattern({
  name: 'privcheck-secret',
  description: 'SAL-BOF privcheck `[CREDMANAGER]   Secret: pw`',
  source: String.raw`^\[CREDMANAGER\][ \t]+Secret:[ \t]*(?<secret>[^\n]*)$`,
  secretGroups: ['secret'],
});

const HIDDEN = '<empty or protected>';

/** Target and User are optional; a block without a User keeps an empty account instead of failing. */
export const privcheckExtractor: CatalogueExtractor = {
  name: 'privcheck',
  markers: ['[CREDMANAGER] --- Credential'],
  patterns: [privcheckFieldPattern, privcheckSecretPattern],
  mayMatch: (text) => text.includes('[CREDMANAGER] --- Credential'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const block of blocksFrom(text, '[CREDMANAGER] --- Credential', 16 * 1024)) {
      const fields: Record<string, string> = {};
      for (const line of splitLines(block).slice(1)) {
        const m = privcheckFieldPattern.re.exec(line);
        if (m) fields[m.key as string] ??= (m.value as string).trim();
      }
      if (fields.Secret === undefined) continue;
      out.push(
        finding({
          system: fields.Target ?? '',
          account: fields.User ?? '',
          secret: fields.Secret === HIDDEN || fields.Secret === '' ? null : fields.Secret,
          purpose: 'Stored Credentials',
          source: 'SAL-BOF Privcheck',
        }),
      );
    }
    return out;
  },
};
