import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { dialectOf } from '../dialect-of.ts';
import {
  endsInPrefix,
  normaliseSearchText,
  POSTGRES_MAX_INDEXED_CHARS,
  searchPhrases,
} from './search-text.ts';

/**
 * One event's searchable text. Two documents keep search redaction-aware: `publicText` (description,
 * outcome, contexts, tags, redacted evidence) is what every reader may search; `secretText` (the same
 * with unredacted text) exists only when redaction changed something, and only principals allowed to
 * see credentials search it.
 */
export interface EventSearchDoc {
  eventId: number;
  publicText: string;
  secretText: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: used with the app schema and inside migrations.
type AnyDb = Kysely<any>;

/** Creates the search structures (called by migration 0004). */
export async function createEventSearchStructures(db: AnyDb, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    // Contentless: the text lives in `event` (and its contexts and tags) only; the index stays small.
    await sql`create virtual table event_fts using fts5(pub, sec, content='', contentless_delete=1,
      tokenize='unicode61 remove_diacritics 0')`.execute(db);
    // Engagement purges delete events by cascade; their index rows go with them.
    await sql`create trigger event_fts_cleanup after delete on event begin
      delete from event_fts where rowid = old.id; end`.execute(db);
    return;
  }
  await sql`create table event_search (
      event_id bigint primary key references event(id) on delete cascade,
      doc_public tsvector not null,
      doc_secret tsvector)`.execute(db);
  await sql`create index event_search_public on event_search using gin (doc_public)`.execute(db);
  await sql`create index event_search_secret on event_search using gin (doc_secret)`.execute(db);
}

function pgText(text: string): string {
  return normaliseSearchText(text).slice(0, POSTGRES_MAX_INDEXED_CHARS);
}

/** Inserts or replaces the search documents of some events, inside the caller's transaction. */
export async function writeEventSearchDocs(db: AnyDb, docs: EventSearchDoc[]): Promise<void> {
  if (docs.length === 0) return;
  if (dialectOf(db) === 'sqlite') {
    const rows = docs.map(
      (d) =>
        sql`(${d.eventId}, ${normaliseSearchText(d.publicText)}, ${d.secretText === null ? '' : normaliseSearchText(d.secretText)})`,
    );
    await sql`insert or replace into event_fts (rowid, pub, sec) values ${sql.join(rows)}`.execute(db);
    return;
  }
  const rows = docs.map(
    (d) =>
      sql`(${d.eventId}, to_tsvector('simple', ${pgText(d.publicText)}), ${
        d.secretText === null ? null : sql`to_tsvector('simple', ${pgText(d.secretText)})`
      })`,
  );
  await sql`insert into event_search (event_id, doc_public, doc_secret) values ${sql.join(rows)}
    on conflict (event_id) do update set doc_public = excluded.doc_public, doc_secret = excluded.doc_secret`.execute(
    db,
  );
}

/** Removes events from the index (soft delete); restoring them writes their documents again. */
export async function deleteEventSearchDocs(db: AnyDb, eventIds: number[]): Promise<void> {
  if (eventIds.length === 0) return;
  if (dialectOf(db) === 'sqlite') {
    await sql`delete from event_fts where rowid in (${sql.join(eventIds)})`.execute(db);
    return;
  }
  await sql`delete from event_search where event_id in (${sql.join(eventIds)})`.execute(db);
}

/**
 * The FTS5 query for phrases (letters, digits and spaces only, so quoting them is safe syntax). The
 * trailing `*` makes the phrase's last word a prefix: `dc0` finds `DC01`, `t1003` finds `T1003.001`
 * (not a single letter or digit: `step 6` is not steps 60 to 69).
 */
function ftsMatch(phrases: string[], includeSecret: boolean): string {
  const body = phrases.map((p) => `"${p}"${endsInPrefix(p) ? ' *' : ''}`).join(' AND ');
  return `${includeSecret ? '{pub sec}' : 'pub'} : (${body})`;
}

/**
 * One phrase as tsquery text: its words in sequence, the last one a prefix (`c <-> windows <-> temp:*`).
 * Phrases hold letters, digits and single spaces only (normalised), so no tsquery syntax can slip in.
 */
function tsPhrase(phrase: string): string {
  return `${phrase.split(' ').join(' <-> ')}${endsInPrefix(phrase) ? ':*' : ''}`;
}

/** The tsvector test of `event_search s` for phrases, every one required. */
function tsDocMatch(phrases: string[], includeSecret: boolean): RawBuilder<unknown> {
  const tsquery = sql`to_tsquery('simple', ${phrases.map(tsPhrase).join(' & ')})`;
  return includeSecret
    ? sql`(s.doc_public @@ (${tsquery}) or s.doc_secret @@ (${tsquery}))`
    : sql`s.doc_public @@ (${tsquery})`;
}

/**
 * A WHERE condition on `event.id` matching a user's search text: every word must occur, its end as a
 * prefix (a word with punctuation, like `lsass.exe` or `C:\\Windows\\Temp`, is a phrase). `includeSecret` searches unredacted text too; callers
 * pass it only for principals allowed to see credentials. Returns null when the text has no words.
 * `fewMatches` says the caller knows the matches are few (the list checks first): PostgreSQL then reads
 * them once through the full-text index and fetches those events by id. Left to plan `id in (…)`, it
 * misjudges a rare word's matches (thousands, it guesses) and walks the whole grid index probing each
 * event: 2.9 s against 1.3 ms for a word in 3 of 1,000,000 events.
 */
export function eventSearchCondition(
  dialect: DialectName,
  query: string,
  includeSecret: boolean,
  options: { fewMatches?: boolean } = {},
): Expression<SqlBool> | null {
  const phrases = searchPhrases(query);
  if (phrases.length === 0) return null;
  if (dialect === 'sqlite') {
    const match = ftsMatch(phrases, includeSecret);
    return sql<SqlBool>`${sql.ref('event.id')} in (select rowid from event_fts where event_fts match ${match})`;
  }
  const matches = sql`select s.event_id from event_search s where ${tsDocMatch(phrases, includeSecret)}`;
  return options.fewMatches
    ? sql<SqlBool>`${sql.ref('event.id')} = any(array(${matches}))`
    : sql<SqlBool>`${sql.ref('event.id')} in (${matches})`;
}

export interface SearchIdRange {
  /** Only ids in [minId, maxId]: cheap on both indexes, used to intersect with a chunk of the grid. */
  minId?: number;
  maxId?: number;
  /** Only ids above this one, ascending, at most `limit` (counting in chunks). */
  afterId?: number;
  limit?: number;
  /** False when any `limit` matches will do (e.g. to learn whether there are that many): no sort. */
  ordered?: boolean;
}

/**
 * A subquery `(id)` of the event ids matching a search, in id order, optionally restricted to an id
 * range and limited. Null when the text has no words. Used for the common-term strategy of the list,
 * where materialising every match would be too slow.
 */
export function eventSearchIds(
  dialect: DialectName,
  query: string,
  includeSecret: boolean,
  range: SearchIdRange = {},
): RawBuilder<{ id: number }> | null {
  const phrases = searchPhrases(query);
  if (phrases.length === 0) return null;
  const idCol = sql.raw(dialect === 'sqlite' ? 'rowid' : 's.event_id');
  const bounds = [
    range.minId === undefined ? null : sql`${idCol} >= ${range.minId}`,
    range.maxId === undefined ? null : sql`${idCol} <= ${range.maxId}`,
    range.afterId === undefined ? null : sql`${idCol} > ${range.afterId}`,
  ].filter((b) => b !== null);
  const extra = bounds.length ? sql` and ${sql.join(bounds, sql` and `)}` : sql``;
  const limit = range.limit === undefined ? sql`` : sql` limit ${range.limit}`;
  // PostgreSQL reads a word's matches as a bitmap, so ordering them means sorting all of them.
  const order = range.ordered === false ? sql`` : sql` order by ${idCol}`;
  if (dialect === 'sqlite') {
    const match = ftsMatch(phrases, includeSecret);
    return sql<{
      id: number;
    }>`select rowid as id from event_fts where event_fts match ${match}${extra}${order}${limit}`;
  }
  const docMatch = tsDocMatch(phrases, includeSecret);
  return sql<{
    id: number;
  }>`select s.event_id as id from event_search s where ${docMatch}${extra}${order}${limit}`;
}
