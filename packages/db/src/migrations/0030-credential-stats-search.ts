import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  // Statistics: the known secrets in secret order with whose they are, so reuse and the shape of each
  // password are counted in one read of this index (no sort, no visit to the table).
  await run(
    'create index credential_secret_use on credential (engagement_id, secret, system_key, account_key, position) where secret is not null',
  );
  // Statistics: cracked current credentials per hash type, read from the index alone.
  await run(
    'create index credential_cracked_type on credential (engagement_id, type_key) where position is null and secret is not null',
  );
  // Statistics: hashes already checked against breach data (none while checks are off, the default).
  await run(
    'create index credential_breach_checked on credential (engagement_id, hibp_count, type_key, system_key, account_key) where position is null and hibp_count is not null',
  );
  if (dialect !== 'sqlite') return;
  // The vault's contains-search on SQLite, as pg_trgm gives it on PostgreSQL (0019): a trigram index
  // of the current credentials' searched fields, case folded by the tokenizer (Unicode, not only
  // ASCII). Contentless: the text lives in `credential`.
  const text = (row: string) =>
    `${row}.account || ' ' || ${row}.system || ' ' || ${row}.purpose || ' ' || coalesce(${row}.secret, '')`;
  await run(
    "create virtual table credential_search using fts5(text, tokenize = 'trigram', content = '', contentless_delete = 1)",
  );
  await run(
    `insert into credential_search (rowid, text) select id, ${text('credential')} from credential where position is null order by id`,
  );
  // New rows arrive in id order (imports insert in batches) and go straight into the index. Changed
  // and deleted rows are only noted here: re-indexing them one by one in a cracked import's hash order
  // would cost ten times the import; the search reads noted rows directly and re-indexes them in id
  // order in batches (credential-search-index.ts).
  await run('create table credential_search_dirty (id integer primary key)');
  await run(
    `create trigger credential_search_insert after insert on credential when new.position is null begin insert into credential_search (rowid, text) values (new.id, ${text('new')}); end`,
  );
  await run(
    'create trigger credential_search_update after update of account, system, purpose, secret, position on credential begin insert or ignore into credential_search_dirty (id) values (new.id); end',
  );
  await run(
    'create trigger credential_search_delete after delete on credential when old.position is null begin insert or ignore into credential_search_dirty (id) values (old.id); end',
  );
}
