import type { CredentialAidQuery } from '@steppingstones/shared/credential-stats';
import { masklistCounted, prefixMasks, suffixMasks } from './masklist.ts';
import { appendRule, type PartKind, partsOf } from './parts.ts';
import { LM, NTLM, type StatsRow } from './stats-row.ts';
import { prefixWords, suffixWords, wordsOf } from './wordlist.ts';

export type AidOptions = Pick<CredentialAidQuery, 'kind' | 'format' | 'min_length' | 'hash_type'>;
type Rows = AsyncIterable<StatsRow>;

const EMPTY_LM = 'aad3b435b51404eeaad3b435b51404ee';
const EMPTY_NT = '31d6cfe0d16ae931b73c59d7e0c089c0';

/**
 * `SYSTEM\account::LM:NT:::` for each account whose current LM or NT hash is not cracked yet. The rows
 * come in account order, so one account is held at a time.
 */
export async function* pwdump(rows: Rows): AsyncGenerator<string> {
  let key: string | null = null;
  let a = { name: '', lm: EMPTY_LM, nt: EMPTY_NT, open: false };
  for await (const r of rows) {
    if (r.position !== null || (r.type_key !== NTLM && r.type_key !== LM)) continue;
    const next = `${r.system_key}\u0000${r.account_key}`;
    if (next !== key) {
      if (a.open) yield `${a.name}::${a.lm}:${a.nt}:::`;
      key = next;
      const name = r.system ? `${r.system}\\${r.account}` : r.account;
      a = { name, lm: EMPTY_LM, nt: EMPTY_NT, open: false };
    }
    if (r.type_key === LM) a.lm = r.hash.toLowerCase();
    else a.nt = r.hash.toLowerCase();
    if (r.secret === null) a.open = true;
  }
  if (a.open) yield `${a.name}::${a.lm}:${a.nt}:::`;
}

/** Known secrets, account and system names and the words in them (runs of 3+, CamelCase pieces). */
export async function* wordlist(rows: Rows): AsyncGenerator<string> {
  const seen = new Set<string>();
  for await (const r of rows)
    for (const value of [r.secret ?? '', r.account, r.system])
      for (const w of wordsOf(value))
        if (!seen.has(w)) {
          seen.add(w);
          yield w;
        }
}

/** A distinct known secret of the filtered vault and how many rows (current and earlier) hold it. */
export interface CountedSecret {
  secret: string;
  count: number;
}

/** Parts of known secrets as words or as hashcat append rules; `all` is letters, numbers, then symbols. */
export function* parts(secrets: readonly string[], kind: AidOptions['kind'], format: AidOptions['format']) {
  const kinds: PartKind[] = kind === 'all' ? ['letters', 'numbers', 'symbols'] : [kind];
  const seen = new Set<string>();
  for (const k of kinds)
    for (const s of secrets)
      for (const p of partsOf(s, k))
        if (!seen.has(p)) {
          seen.add(p);
          yield format === 'rule' ? appendRule(p) : p;
        }
}

/** The aids made of known secrets alone, from the distinct secrets (the database counted them). */
export function* secretLines(
  aid: string,
  counted: readonly CountedSecret[],
  o: AidOptions,
): Generator<string> {
  const distinct = counted.map((c) => c.secret).filter((s) => s !== '');
  switch (aid) {
    case 'known-secrets':
      return yield* counted.map((c) => c.secret);
    case 'parts':
      return yield* parts(distinct, o.kind, o.format);
    case 'prefixes':
      return yield* prefixWords(distinct).map((c) => c.value);
    case 'suffixes':
      return yield* suffixWords(distinct).map((c) => c.value);
    case 'masklist':
      return yield* masklistCounted(
        counted.filter((c) => c.secret !== ''),
        o.min_length,
      ).map((m) => m.mask);
    case 'prefix-masks':
      return yield* prefixMasks(distinct).map((m) => m.mask);
    case 'suffix-masks':
      return yield* suffixMasks(distinct).map((m) => m.mask);
  }
}

/** The aids that read credential rows: the pwdump and the wordlist. */
export async function* lines(aid: string, rows: Rows): AsyncGenerator<string> {
  switch (aid) {
    case 'pwdump':
      return yield* pwdump(rows);
    case 'wordlist':
      return yield* wordlist(rows);
  }
}
