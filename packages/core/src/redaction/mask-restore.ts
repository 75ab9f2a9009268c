import { ConflictError, ValidationError } from '../errors.ts';
import { maskSegments, REDACTION_MASK } from './redact.ts';

/**
 * Putting hidden spans back. A reader without `credential.view` sees `«redacted»` where a secret is;
 * when they save the text (the blue team's limited edit, GET then PUT, a bulk edit, an import) each
 * mask that still stands gets its hidden span back, found by the unchanged text around it:
 * - masks inside the unchanged start or end of the text are the same masks as before;
 * - masks in or next to the edited part are matched by their surrounding text (the longest agreement
 *   wins); a mask whose place matches several different spans equally, or none, is a 409;
 * - a mask that is gone takes its span with it (the event's history keeps it);
 * - a text with more masks than the stored text hides is refused (400).
 */

const MASK = REDACTION_MASK;
/** How much surrounding text is compared on each side. */
const CONTEXT = 64;
/** A mask this close to the edited part is matched by its surroundings, not by position. */
const MARGIN = 4;
/** Beyond this many mask pairs to compare in the edited part, ask for smaller edits. */
const MAX_PAIRS = 250_000;

function positions(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(MASK); at >= 0; at = text.indexOf(MASK, at + MASK.length)) out.push(at);
  return out;
}

function commonPrefix(a: string, b: string, max = Math.min(a.length, b.length)): number {
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** How much text around a mask at `t` in `sent` agrees with the text around a mask at `m` in `shown`. */
function agreement(sent: string, t: number, shown: string, m: number): number {
  const left = Math.min(CONTEXT, t, m);
  let score = commonSuffix(sent.slice(t - left, t), shown.slice(m - left, m), left);
  if (score === left && t === m && t < CONTEXT) score++; // both at the very start
  const tr = t + MASK.length;
  const mr = m + MASK.length;
  const right = Math.min(CONTEXT, sent.length - tr, shown.length - mr);
  const after = commonPrefix(sent.slice(tr, tr + right), shown.slice(mr, mr + right));
  score += after;
  if (after === right && sent.length - tr === shown.length - mr && right < CONTEXT) score++; // both at the end
  return score;
}

/**
 * `sent` with each mask replaced by the span it hides in `stored`. Throws a 400 (more masks than
 * hidden spans) or a 409 (a mask whose place cannot be decided), both naming `field`.
 */
export function restoreMasks(field: string, sent: string, stored: string): string {
  if (!sent.includes(MASK)) return sent;
  const { literals, hidden } = maskSegments(stored);
  const sentAt = positions(sent);
  if (sentAt.length > hidden.length)
    throw ValidationError.field(
      field,
      `holds ${sentAt.length} ${MASK} mask(s) but the stored text hides ${hidden.length} value(s); a mask stands for a hidden value and can not be added`,
    );
  const shown = literals.join(MASK);
  if (sent === shown) return stored;
  const shownAt = positions(shown);
  const indexAt = new Map(shownAt.map((at, i) => [at, i]));
  const assigned = new Array<number>(sentAt.length).fill(-1);
  const taken = new Set<number>();

  // Unchanged start and end: the same masks at the same places.
  const prefix = commonPrefix(sent, shown);
  const suffix = commonSuffix(sent, shown, Math.min(sent.length, shown.length) - prefix);
  sentAt.forEach((t, j) => {
    const same =
      t + MASK.length + MARGIN <= prefix
        ? indexAt.get(t)
        : t - MARGIN >= sent.length - suffix
          ? indexAt.get(t - sent.length + shown.length)
          : undefined;
    if (same === undefined) return;
    assigned[j] = same;
    taken.add(same);
  });

  // Masks in or next to the edited part: by the text around them.
  const open = sentAt.flatMap((_, j) => (assigned[j]! < 0 ? [j] : []));
  const free = shownAt.flatMap((_, i) => (taken.has(i) ? [] : [i]));
  if (open.length * free.length > MAX_PAIRS)
    throw new ConflictError(
      `${field}: too many masked values were moved at once to put them back; save smaller changes, or ask someone who may view credentials`,
      { field },
    );
  for (const j of open) {
    let best = 0;
    let choice = -1;
    let tie = false;
    for (const i of free) {
      const score = agreement(sent, sentAt[j]!, shown, shownAt[i]!);
      if (score > best) {
        best = score;
        choice = i;
        tie = false;
      } else if (score === best && choice >= 0 && hidden[i] !== hidden[choice]) tie = true;
    }
    if (choice < 0 || tie || taken.has(choice))
      throw new ConflictError(
        `${field}: the place of a ${MASK} mask can not be decided (${choice < 0 ? 'no unchanged text around it' : 'it matches several hidden values'}); keep the text around each mask as it was, or remove the mask`,
        { field },
      );
    assigned[j] = choice;
    taken.add(choice);
  }

  let out = '';
  let at = 0;
  sentAt.forEach((t, j) => {
    out += sent.slice(at, t) + hidden[assigned[j]!];
    at = t + MASK.length;
  });
  return out + sent.slice(at);
}
