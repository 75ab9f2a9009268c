import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors.ts';
import { restoreMasks } from './mask-restore.ts';
import { REDACTION_MASK as M, redactEvidence } from './redact.ts';

const NT = '8846f7eaee8fb117ad06bdd830b7586c';
const NT2 = 'c4b0e1b10c7ce2c4723b4e2407ef81a2';
const LM = 'aad3b435b51404eeaad3b435b51404ee';
const DUMP = `Administrator:500:${LM}:${NT}:::\nbob:1104:${LM}:${NT2}:::\nGuest:501::31d6cfe0d16ae931b73c59d7e0c089c0:::`;

function fails(fn: () => unknown): DomainLike {
  try {
    fn();
  } catch (error) {
    return error as DomainLike;
  }
  throw new Error('expected an error');
}
type DomainLike = Error & { status: number; problems?: Array<{ field: string }>; details?: unknown };

describe('restoreMasks', () => {
  it('gives the hash back when a reader appends a word to a masked outcome', () => {
    const stored = `Dumped NTLM hash ${NT} from lsass`;
    const seen = redactEvidence(stored);
    expect(seen).toBe(`Dumped NTLM hash ${M} from lsass`);
    expect(restoreMasks('outcome', `${seen} reviewed`, stored)).toBe(`${stored} reviewed`);
    expect(restoreMasks('outcome', `Reviewed: ${seen}`, stored)).toBe(`Reviewed: ${stored}`);
  });

  it('puts every hash of a dump back in its row after edits between the rows', () => {
    const seen = redactEvidence(DUMP);
    expect(seen.split(M)).toHaveLength(4);
    const edited = seen.replace('bob:1104', 'bob (disabled):1104').replace('Guest', 'guest account');
    expect(restoreMasks('raw_evidence', edited, DUMP)).toBe(
      DUMP.replace('bob:1104', 'bob (disabled):1104').replace('Guest', 'guest account'),
    );
  });

  it('keeps a text saved unchanged exactly as stored', () => {
    expect(restoreMasks('raw_evidence', redactEvidence(DUMP), DUMP)).toBe(DUMP);
  });

  it('drops the span of a mask the reader removed, and keeps the others', () => {
    const seen = redactEvidence(DUMP);
    const withoutBob = seen
      .split('\n')
      .filter((l) => !l.startsWith('bob'))
      .join('\n');
    const out = restoreMasks('raw_evidence', withoutBob, DUMP);
    expect(out).toContain(NT);
    expect(out).not.toContain(NT2);
    expect(out).toContain('31d6cfe0d16ae931b73c59d7e0c089c0');
    expect(restoreMasks('outcome', 'all removed', `x ${NT}`)).toBe('all removed');
  });

  it('refuses a text with more masks than the stored text hides (400 naming the field)', () => {
    const error = fails(() => restoreMasks('outcome', `a ${M} b ${M}`, `a NTLM hash ${NT}`));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(400);
    expect(error.problems?.[0]?.field).toBe('outcome');
    expect(fails(() => restoreMasks('description', `typed ${M}`, 'nothing hidden')).status).toBe(400);
  });

  it('answers 409 naming the field when a mask could stand for several different values', () => {
    const stored = `a NTLM hash ${NT} done\nb NTLM hash ${NT2} done`;
    const seen = redactEvidence(stored);
    expect(seen).toBe(`a NTLM hash ${M} done\nb NTLM hash ${M} done`);
    // One mask kept, its line rewritten so it agrees with both rows alike.
    const error = fails(() => restoreMasks('raw_evidence', `c NTLM hash ${M} done c`, stored));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/^raw_evidence: /);
    expect(error.details).toEqual({ field: 'raw_evidence' });
  });

  it('answers 409 when nothing around a mask is left to place it by', () => {
    const stored = `x NTLM hash ${NT} y NTLM hash ${NT2} z`;
    expect(fails(() => restoreMasks('outcome', `${M}`, stored)).status).toBe(409);
  });

  it('does not mind a tie between equal values', () => {
    const stored = `a NTLM hash ${NT}\nb NTLM hash ${NT}`;
    expect(restoreMasks('raw_evidence', `NTLM hash ${M}`, stored)).toBe(`NTLM hash ${NT}`);
  });

  it('treats a literal mask already stored as hiding itself', () => {
    const stored = `old ${M} and NTLM hash ${NT}`;
    const seen = redactEvidence(stored);
    expect(restoreMasks('outcome', `${seen}!`, stored)).toBe(`${stored}!`);
  });

  it('puts a password back when the label line is edited around it', () => {
    const stored = 'Password : Summer2024!\nUser : bob';
    const seen = redactEvidence(stored);
    expect(seen).toBe(`Password : ${M}\nUser : bob`);
    expect(restoreMasks('raw_evidence', `Password : ${M}\nUser : bob (helpdesk)`, stored)).toBe(
      'Password : Summer2024!\nUser : bob (helpdesk)',
    );
  });

  it('handles a large dump with an appended note quickly enough to be in a request', () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `u${i}:${1000 + i}:${LM}:${i.toString(16).padStart(32, '0')}:::`,
    ).join('\n');
    const out = restoreMasks('raw_evidence', `${redactEvidence(rows)}\nreviewed`, rows);
    expect(out === `${rows}\nreviewed`).toBe(true);
  });
});
