import type { Redactor } from '../events/event.redaction.ts';
import { redactNullable } from '../events/event.redaction.ts';
import type { EventSnapshot } from './event-snapshot.ts';

/**
 * The event text the grid masks for a principal without `credential.view` (events/event.mapper.ts:
 * description, raw evidence, outcome, both contexts, tag names; files/file.queries.ts: a file's name,
 * description and location). File hashes are IOCs and stay visible there, so they stay visible here.
 * History must never show more than the grid: add a field here whenever the grid starts masking one.
 */
const MASKED_TEXT = new Set(['description', 'raw_evidence', 'outcome']);

function redactFiles(files: unknown, redact: Redactor): unknown {
  if (!Array.isArray(files)) return files;
  return files.map((f: Record<string, unknown>) => {
    const out = { ...f };
    if (typeof f.filename === 'string') out.filename = redact(f.filename);
    if (typeof f.location === 'string' || f.location === null)
      out.location = redactNullable(redact, f.location as string | null);
    // Revisions written before files kept their description have no such key: leave it absent.
    if (typeof f.description === 'string') out.description = redact(f.description);
    return out;
  });
}

/** What a reader may see of the history besides masked text. */
export interface RevisionView {
  /** False for the blue team: attachments never shared are left out of every revision. */
  unsharedAttachments: boolean;
}

/**
 * Attachments as the reader may see them: names masked like file names, and for the blue team only the
 * shared ones (as the attachment list shows them now, so history never tells of one they cannot open).
 */
function redactAttachments(list: unknown, redact: Redactor, view: RevisionView): unknown {
  if (!Array.isArray(list)) return list;
  return list
    .filter((a: Record<string, unknown>) => view.unsharedAttachments || a.shared === true)
    .map((a: Record<string, unknown>) => ({
      ...a,
      filename: typeof a.filename === 'string' ? redact(a.filename) : a.filename,
    }));
}

/** One snapshot field (or one side of a diff entry) as this principal may see it. */
function redactField(field: string, value: unknown, redact: Redactor, view: RevisionView): unknown {
  if (MASKED_TEXT.has(field)) return typeof value === 'string' ? redact(value) : value;
  if (field === 'files') return redactFiles(value, redact);
  if (field === 'attachments') return redactAttachments(value, redact, view);
  if ((field === 'source' || field === 'target') && value && typeof value === 'object') {
    const c = value as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? redact(v) : v);
    return { ...c, host: text(c.host), user: text(c.user), process: text(c.process) };
  }
  if (field === 'tags' && Array.isArray(value))
    return value.map((t) => (typeof t === 'string' ? redact(t) : t));
  return value;
}

export function redactSnapshot(snapshot: EventSnapshot, redact: Redactor, view: RevisionView): EventSnapshot {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(snapshot)) out[field] = redactField(field, value, redact, view);
  return out as unknown as EventSnapshot;
}

/**
 * The diff with both sides masked. An entry whose sides read the same once masked is dropped: the change
 * lay inside a masked span (a hash replaced by another), and even saying "changed" would tell the reader
 * more than the grid does.
 */
export function redactDiff(
  diff: Record<string, [unknown, unknown]>,
  redact: Redactor,
  view: RevisionView,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [field, [before, after]] of Object.entries(diff)) {
    const b = redactField(field, before, redact, view);
    const a = redactField(field, after, redact, view);
    if (JSON.stringify(a) !== JSON.stringify(b)) out[field] = [b, a];
  }
  return out;
}
