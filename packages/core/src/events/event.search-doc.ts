import { type EventSearchDoc, type Tx, writeEventSearchDocs } from '@steppingstones/db';
import { redactEvidence } from '../redaction/index.ts';
import { type SearchableAttachment, searchableAttachmentsOf } from './event-attachments.search.ts';
import { CONTEXT_COLUMNS, eventsWithContexts } from './event-contexts.query.ts';

export interface SearchableEvent {
  id: number;
  description: string;
  outcome: string;
  raw_evidence: string;
  source: { host: string; user: string; process: string };
  target: { host: string; user: string; process: string };
  tags: string[];
  /** ATT&CK ids (tactic, technique, sub-technique): `T1003` finds the events filed under it. */
  attack?: (string | null)[];
  /** Attached files' names and where they were put (`C:\\Windows\\Temp\\x.exe`). */
  files?: string[];
  /** Attachments' names and, for text files and terminal recordings, their text. */
  attachments?: SearchableAttachment[];
}

/** Attachment names and texts, one after the other. */
const attachmentText = (list: SearchableAttachment[]) =>
  list.flatMap((a) => [a.filename, a.text ?? '']).join('\n');

/**
 * What full-text search sees of an event: description, outcome, both contexts, tags, ATT&CK ids, file
 * names and locations, evidence, and its attachments (names; the text of `.cast`, `.txt`, `.log`). The
 * public document is redacted, contexts and tags included (readers without `credential.view` search
 * only it, so a hash, the empty NT hash too, never "matches" for them) and holds only the attachments
 * shared with the blue team (who read only it); the secret one, searched by the red team, holds every
 * attachment unredacted and exists only when it differs. Attachments come last: PostgreSQL indexes
 * only the start of a long document, and the event's own fields must stay in it.
 */
export function buildEventSearchDoc(e: SearchableEvent): EventSearchDoc {
  const shared = [
    e.source.host,
    e.source.user,
    e.source.process,
    e.target.host,
    e.target.user,
    e.target.process,
    ...e.tags,
    ...(e.files ?? []),
  ].join('\n');
  // ATT&CK ids are labels, never secrets: the same in both documents.
  const attack = (e.attack ?? []).filter((id) => id !== null).join(' ');
  const attachments = e.attachments ?? [];
  const full = [e.description, e.outcome, shared, e.raw_evidence, attack, attachmentText(attachments)].join(
    '\n',
  );
  // Contexts and tags are masked like evidence: a password in a process name is no easier to find.
  const pub = [
    redactEvidence(e.description),
    redactEvidence(e.outcome),
    redactEvidence(shared),
    redactEvidence(e.raw_evidence),
    attack,
    redactEvidence(attachmentText(attachments.filter((a) => a.shared))),
  ].join('\n');
  return { eventId: e.id, publicText: pub, secretText: pub === full ? null : full };
}

/** Rebuilds the search documents of some events from the database, inside the caller's transaction. */
export async function reindexEvents(tx: Tx, eventIds: number[]): Promise<void> {
  for (let i = 0; i < eventIds.length; i += 500) {
    const ids = eventIds.slice(i, i + 500);
    const rows = await eventsWithContexts(tx)
      .select([
        'event.id',
        'event.description',
        'event.outcome',
        'event.raw_evidence',
        'event.tactic_id',
        'event.technique_id',
        'event.subtechnique_id',
        ...CONTEXT_COLUMNS,
      ])
      .where('event.id', 'in', ids)
      .where('event.deleted_at', 'is', null)
      .execute();
    const tagRows = await tx
      .selectFrom('event_tag')
      .innerJoin('tag', 'tag.id', 'event_tag.tag_id')
      .select(['event_tag.event_id', 'tag.name'])
      .where('event_tag.event_id', 'in', ids)
      .execute();
    const tags = new Map<number, string[]>();
    for (const t of tagRows) tags.set(Number(t.event_id), [...(tags.get(Number(t.event_id)) ?? []), t.name]);
    const fileRows = await tx
      .selectFrom('file_distribution')
      .innerJoin('file', 'file.id', 'file_distribution.file_id')
      .select(['file_distribution.event_id', 'file.filename', 'file_distribution.location'])
      .where('file_distribution.event_id', 'in', ids)
      .execute();
    const files = new Map<number, string[]>();
    for (const f of fileRows) {
      const list = files.get(Number(f.event_id)) ?? [];
      list.push(f.filename, f.location ?? '');
      files.set(Number(f.event_id), list);
    }
    const attachments = await searchableAttachmentsOf(tx, ids);
    await writeEventSearchDocs(
      tx,
      rows.map((r) =>
        buildEventSearchDoc({
          id: Number(r.id),
          description: r.description,
          outcome: r.outcome,
          raw_evidence: r.raw_evidence,
          source: { host: r.s_host, user: r.s_user, process: r.s_process },
          target: { host: r.t_host, user: r.t_user, process: r.t_process },
          tags: tags.get(Number(r.id)) ?? [],
          attack: [r.tactic_id, r.technique_id, r.subtechnique_id],
          files: files.get(Number(r.id)) ?? [],
          attachments: attachments.get(Number(r.id)) ?? [],
        }),
      ),
    );
  }
}

/** After a shared context changed: reindex every event using it; returns how many there are. */
export async function reindexEventsUsingContext(tx: Tx, contextId: number): Promise<number> {
  const rows = await tx
    .selectFrom('event')
    .select('id')
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('source_context_id', '=', contextId), eb('target_context_id', '=', contextId)]))
    .execute();
  await reindexEvents(
    tx,
    rows.map((r) => Number(r.id)),
  );
  return rows.length;
}
