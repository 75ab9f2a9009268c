import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { fk, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // One dump or cracked-hash upload: who, when, what it was, and what it did (the result JSON).
  await withId(db.schema.createTable('credential_import'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('type', 'varchar(30)', (c) => c.notNull())
    .addColumn('filename', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('running'))
    .addColumn('created_by', 'bigint', fk('app_user', 'set null'))
    .addColumn('created_by_name', 'varchar(150)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('result', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await sql`create index credential_import_engagement on credential_import (engagement_id, id desc)`.execute(
    db,
  );

  await withId(db.schema.createTable('credential'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('source', 'varchar(200)')
    .addColumn('source_time', 'bigint')
    .addColumn('system', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('account', 'varchar(200)', (c) => c.notNull())
    // null = not cracked, '' = a known empty password.
    .addColumn('secret', 'varchar(1000)')
    .addColumn('hash', 'varchar(10000)', (c) => c.notNull().defaultTo(''))
    // A hashcat mode; -1 "unlisted"; null when there is no hash (a cleartext-only credential).
    .addColumn('hash_type', 'integer')
    .addColumn('purpose', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hibp_count', 'integer')
    .addColumn('complexity', 'varchar(30)')
    .addColumn('char_mask', 'varchar(400)')
    .addColumn('char_mask_effort', 'bigint')
    .addColumn('structure', 'varchar(100)')
    .addColumn('created_by', 'bigint', fk('app_user', 'set null'))
    .addColumn('created_by_name', 'varchar(150)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('event_id', 'bigint', fk('event', 'set null'))
    .addColumn('import_id', 'bigint', fk('credential_import', 'set null'))
    // C2 actions live in another area's tables; a plain id keeps this table independent of them.
    .addColumn('c2_action_id', 'bigint')
    // null = the account's current credential of this type; 0, 1, … its older hashes, latest first.
    .addColumn('position', 'integer')
    // The case-insensitive identity, computed by the writer (credential-keys.ts), never by SQL, so
    // both dialects agree: lower-cased system and account, the hash key, and the type (-2 = no hash).
    .addColumn('system_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('account_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('hash_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('type_key', 'integer', (c) => c.notNull())
    .execute();

  const run = (text: string) => sql.raw(text).execute(db);
  // De-duplication: empty system or hash are values like any other, so they de-duplicate too.
  await run(
    'create unique index credential_identity on credential (engagement_id, system_key, account_key, type_key, hash_key)',
  );
  // One current credential per account and hash type (cleartext-only rows are all current).
  await run(
    'create unique index credential_current_per_type on credential (engagement_id, system_key, account_key, type_key) where position is null and type_key <> -2',
  );
  // The vault list (current rows only), default order system then account, and its common filters.
  const list = (name: string, lead: string, where = '') =>
    run(
      `create index ${name} on credential (engagement_id, ${lead}system_key, account_key, id) where position is null${where}`,
    );
  await list('credential_list', '');
  await list('credential_list_type', 'type_key, ');
  await list('credential_list_cracked', '', ' and secret is not null');
  await list('credential_list_uncracked', '', ' and secret is null');
  await run(
    'create index credential_list_created on credential (engagement_id, created_at, id) where position is null',
  );
  // Import look-ups by account, crack matching and exact-hash search by hash.
  await run('create index credential_account on credential (engagement_id, account_key)');
  await run('create index credential_hash on credential (engagement_id, hash_key)');
  await run('create index credential_event on credential (event_id) where event_id is not null');
  await run('create index credential_import_ref on credential (import_id) where import_id is not null');
}
