import { REDACTION_MASK } from '../redaction/index.ts';
import type { Redactor } from './event.redaction.ts';

/**
 * A substring search over text the reader sees masked. Matching the stored text would leak: a hit says
 * the hidden span contains the term even though the row comes back masked. So the term must be found in
 * the masked form the reader gets.
 *
 * The stored text still narrows in SQL when it can: the masked form is the stored text with spans
 * swapped for the mask, so a hit outside every mask is a hit in the stored text too. Only a term that
 * touches the mask itself (holds `«` or `»`, or sits inside `«redacted»`) can match where the stored
 * text does not, and then every row is a candidate.
 */
export interface ShownSearch {
  /** Whether the SQL condition on the stored text may narrow the candidates (never drops a real hit). */
  narrowInSql: boolean;
  /** True when one of the texts, as the reader sees it, contains the term (ignoring case). */
  matches(...texts: Array<string | null | undefined>): boolean;
  /** True when one of the texts, shown unmasked (file hashes are IOCs), contains the term. */
  matchesAsIs(...texts: Array<string | null | undefined>): boolean;
  /** Same as `matches`, for a prefix search (tag autocomplete). */
  startsWith(text: string | null | undefined): boolean;
}

const MASK_LOWER = REDACTION_MASK.toLowerCase();
const MASK_EDGES = /[«»]/;

export function shownSearch(term: string, redact: Redactor): ShownSearch {
  const lower = term.toLowerCase();
  const shown = (text: string | null | undefined) => (text ? redact(text).toLowerCase() : '');
  return {
    narrowInSql: !MASK_EDGES.test(lower) && !MASK_LOWER.includes(lower),
    matches: (...texts) => texts.some((t) => shown(t).includes(lower)),
    matchesAsIs: (...texts) => texts.some((t) => (t ?? '').toLowerCase().includes(lower)),
    startsWith: (text) => shown(text).startsWith(lower),
  };
}
