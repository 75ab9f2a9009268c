import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { attackNames } from '../attack/attack.queries.ts';
import { type Suggestion, type SuggestOptions, suggest } from './suggest.ts';

export interface NamedSuggestion extends Suggestion {
  tactic_name: string | null;
  technique_name: string | null;
  subtechnique_name: string | null;
  /** "<tactic> – <sub-technique or technique>", as the suggestion button reads. */
  label: string;
}

/**
 * Suggestions for an event being typed: scans the description and the raw evidence together and adds
 * ATT&CK names. A rule whose id is missing from the loaded ATT&CK data (an older import) is skipped.
 */
export async function suggestForEvent(
  db: Kysely<DB>,
  input: { description?: string | null; raw_evidence?: string | null },
  opts: SuggestOptions = {},
): Promise<NamedSuggestion[]> {
  const text = [input.description ?? '', input.raw_evidence ?? ''].join('\n');
  const results = suggest(text, opts);
  const names = await attackNames(
    db,
    results.flatMap((r) => [r.tactic_id, r.technique_id, r.subtechnique_id].filter((x): x is string => !!x)),
  );
  return results
    .filter((r) => names.has(r.tactic_id) && (!r.technique_id || names.has(r.technique_id)))
    .map((r) => {
      const tactic_name = names.get(r.tactic_id) ?? null;
      const technique_name = r.technique_id ? (names.get(r.technique_id) ?? null) : null;
      const subtechnique_name = r.subtechnique_id ? (names.get(r.subtechnique_id) ?? null) : null;
      const what = subtechnique_name ? `${technique_name}: ${subtechnique_name}` : technique_name;
      return {
        ...r,
        tactic_name,
        technique_name,
        subtechnique_name,
        label: what ? `${tactic_name} – ${what}` : (tactic_name ?? r.tactic_id),
      };
    });
}
