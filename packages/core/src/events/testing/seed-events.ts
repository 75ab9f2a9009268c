import {
  type Database,
  normaliseSearchText,
  writeEventSearchDocs,
  writeTransaction,
} from '@steppingstones/db';
import { getOrCreateContext } from '../../contexts/context.service.ts';
import { ensureTags } from '../../tags/tag.service.ts';
import { buildEventSearchDoc } from '../event.search-doc.ts';

export interface SeedEventsOptions {
  engagementId: number;
  operatorUserId: number;
  count: number;
  /** Events per transaction (default 5000). */
  batchSize?: number;
  /** Start time of the first event (default 2026-01-01) and the gap between events (default 7 s). */
  startAt?: number;
  stepMs?: number;
  /** When the rows say they were written (default: the first event's start): seeding reads no clock. */
  createdAt?: number;
  /** Called after each committed batch with the number of events written so far. */
  onProgress?: (done: number) => void;
}

const HOSTS = Array.from({ length: 40 }, (_, i) => `HOST${String(i).padStart(2, '0')}`);
const USERS = ['', 'svc_sql', 'administrator', 'jdoe', 'backup'];
const TAGS = ['recon', 'creds', 'lateral', 'persistence', 'exfil'];
const ATTACK: Array<[string | null, string | null, string | null]> = [
  [null, null, null],
  ['TA0007', 'T1087', null],
  ['TA0006', 'T1003', 'T1003.001'],
  ['TA0008', 'T1021', 'T1021.001'],
  ['TA0002', 'T1059', 'T1059.001'],
  ['TA0011', 'T1071', null],
];
const DETECTED = ['UNK', 'NEG', 'PAR', 'FUL', 'N/A'];
const PREVENTED = ['NEG', 'PAR', 'FUL', 'N/A'];
/** The event columns of a generated row (without the helper fields). */
function eventRow<T extends { tag: unknown; tagId: unknown; s: unknown; t: unknown }>(r: T) {
  const { tag: _tag, tagId: _tagId, s: _s, t: _t, ...row } = r;
  return row;
}

const WORDS = [
  'enumerated',
  'shares',
  'kerberoast',
  'beacon',
  'dumped',
  'lsass',
  'pivot',
  'phish',
  'token',
  'registry',
];

/**
 * Inserts `count` synthetic events fast (one transaction per batch, prepared statements on SQLite) with
 * their tags and full-text documents, so search stays consistent. For tests and the benchmarks' large
 * datasets; every 10,000th event carries the rare word `zebracorn`, and every 50th a secretsdump line.
 */
export async function seedEvents(
  database: Database,
  options: SeedEventsOptions,
): Promise<{ ids: [number, number] }> {
  const { db } = database;
  const batchSize = options.batchSize ?? 5000;
  const start = options.startAt ?? Date.UTC(2026, 0, 1);
  const step = options.stepMs ?? 7000;
  const createdAt = options.createdAt ?? start;
  const { contextIds, contexts, tagIds } = await writeTransaction(db, async (tx) => {
    const contexts = HOSTS.flatMap((host, i) => [{ host, user: USERS[i % USERS.length] ?? '', process: '' }]);
    // Stamped with the seed's own time, like its events.
    const seed = { db: tx, clock: { now: () => createdAt } };
    const contextIds: number[] = [];
    for (const c of contexts) contextIds.push(await getOrCreateContext(seed, options.engagementId, c));
    return { contextIds, contexts, tagIds: await ensureTags(seed, options.engagementId, TAGS) };
  });
  let first = 0;
  let last = 0;
  for (let done = 0; done < options.count; ) {
    const n = Math.min(batchSize, options.count - done);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = done + k;
      const [tactic, technique, sub] = ATTACK[i % ATTACK.length] as [
        string | null,
        string | null,
        string | null,
      ];
      const s = i % contexts.length;
      const t = (i * 7 + 3) % contexts.length;
      const word = WORDS[i % WORDS.length];
      return {
        engagement_id: options.engagementId,
        start_at: start + i * step,
        end_at: null,
        operator_user_id: options.operatorUserId,
        source_context_id: contextIds[s] as number,
        target_context_id: contextIds[t] as number,
        tactic_id: tactic,
        technique_id: technique,
        subtechnique_id: sub,
        description: `Synthetic event ${i}: ${word} on ${contexts[t]?.host}${i % 10_000 === 0 ? ' zebracorn' : ''}`,
        raw_evidence:
          i % 50 === 0
            ? `secretsdump\nuser${i}:1104:aad3b435b51404eeaad3b435b51404ee:${(i * 2654435761).toString(16).padStart(32, '0').slice(-32)}:::`
            : `> ${word} --target ${contexts[t]?.host}\nok`,
        outcome: i % 3 === 0 ? 'Succeeded' : '',
        detected: DETECTED[i % DETECTED.length] as string,
        prevented: PREVENTED[i % PREVENTED.length] as string,
        starred: i % 97 === 0 ? 1 : 0,
        version: 1,
        created_by: options.operatorUserId,
        updated_by: options.operatorUserId,
        created_at: createdAt,
        updated_at: createdAt,
        tag: i % 4 === 0 ? null : TAGS[i % TAGS.length],
        tagId: i % 4 === 0 ? null : tagIds[i % TAGS.length],
        s,
        t,
      };
    });
    const docs = (id: number, r: (typeof rows)[number]) =>
      buildEventSearchDoc({
        id,
        description: r.description,
        outcome: r.outcome,
        raw_evidence: r.raw_evidence,
        source: contexts[r.s] as { host: string; user: string; process: string },
        target: contexts[r.t] as { host: string; user: string; process: string },
        tags: r.tag ? [r.tag] : [],
      });
    const sqlite = database.sqlite;
    if (sqlite) {
      // SQLite: prepared statements in one synchronous transaction per batch (several times faster).
      const cols = Object.keys(eventRow(rows[0] as (typeof rows)[number]));
      const insertEvent = sqlite.prepare(
        `insert into event (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
      );
      const insertTag = sqlite.prepare('insert into event_tag (event_id, tag_id) values (?, ?)');
      const insertFts = sqlite.prepare('insert into event_fts (rowid, pub, sec) values (?, ?, ?)');
      sqlite
        .transaction(() => {
          for (const r of rows) {
            const id = Number(insertEvent.run(...Object.values(eventRow(r))).lastInsertRowid);
            if (r.tagId) insertTag.run(id, r.tagId);
            const doc = docs(id, r);
            insertFts.run(
              id,
              normaliseSearchText(doc.publicText),
              doc.secretText ? normaliseSearchText(doc.secretText) : '',
            );
            first ||= id;
            last = id;
          }
        })
        .immediate();
    } else {
      await writeTransaction(db, async (tx) => {
        for (let j = 0; j < rows.length; j += 500) {
          const chunk = rows.slice(j, j + 500);
          const inserted = await tx.insertInto('event').values(chunk.map(eventRow)).returning('id').execute();
          const ids = inserted.map((r) => Number(r.id));
          const links = chunk.flatMap((r, k) =>
            r.tagId ? [{ event_id: ids[k] as number, tag_id: r.tagId }] : [],
          );
          if (links.length) await tx.insertInto('event_tag').values(links).execute();
          await writeEventSearchDocs(
            tx,
            chunk.map((r, k) => docs(ids[k] as number, r)),
          );
          first ||= ids[0] ?? 0;
          last = ids.at(-1) ?? last;
        }
      });
    }
    done += n;
    options.onProgress?.(done);
  }
  return { ids: [first, last] };
}
