import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { createEventSearchStructures } from '../fulltext/event-search.ts';
import { fk, withId } from './column-types.ts';

const DETECTED = ['N/A', 'UNK', 'NEG', 'PAR', 'FUL'];
const PREVENTED = ['N/A', 'NEG', 'PAR', 'FUL'];
const inList = (column: string, codes: string[]) =>
  sql.raw(`${column} in (${codes.map((c) => `'${c}'`).join(', ')})`);

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // Users come from migration 0002 (identity); guard so this migration also runs on a partial tree.
  const tables = await db.introspection.getTables();
  const hasUsers = tables.some((t) => t.name === 'app_user');
  const userFk = (onDelete: 'restrict' | 'set null') => (hasUsers ? fk('app_user', onDelete) : undefined);

  await withId(db.schema.createTable('context'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('host', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('user', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('process', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('last_used_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('context_unique_triple', ['engagement_id', 'host', 'user', 'process'])
    .execute();
  await sql`create index context_recent on context (engagement_id, last_used_at desc, id desc)`.execute(db);

  await withId(db.schema.createTable('event'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint')
    .addColumn('operator_user_id', 'bigint', (c) => {
      const col = c.notNull();
      return hasUsers ? col.references('app_user.id').onDelete('restrict') : col;
    })
    .addColumn('source_context_id', 'bigint', (c) =>
      c.notNull().references('context.id').onDelete('restrict'),
    )
    .addColumn('target_context_id', 'bigint', (c) =>
      c.notNull().references('context.id').onDelete('restrict'),
    )
    .addColumn('tactic_id', 'varchar(20)')
    .addColumn('technique_id', 'varchar(20)')
    .addColumn('subtechnique_id', 'varchar(20)')
    .addColumn('description', 'varchar(1000)', (c) => c.notNull())
    .addColumn('raw_evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('detected', 'varchar(3)', (c) => c.notNull().defaultTo('UNK'))
    .addColumn('prevented', 'varchar(3)', (c) => c.notNull().defaultTo('NEG'))
    .addColumn('starred', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'bigint', userFk('set null'))
    .addColumn('updated_by', 'bigint', userFk('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addCheckConstraint('event_end_after_start', sql`end_at is null or end_at >= start_at`)
    .addCheckConstraint('event_detected_code', inList('detected', DETECTED))
    .addCheckConstraint('event_prevented_code', inList('prevented', PREVENTED))
    .execute();

  // The grid: newest first per engagement, and the common filters, all keyset-friendly (…, start_at, id).
  const grid = (name: string, lead: string, extra = '') =>
    sql
      .raw(
        `create index ${name} on event (engagement_id, ${lead}start_at desc, id desc) where deleted_at is null${extra}`,
      )
      .execute(db);
  await grid('event_grid', '');
  await grid('event_grid_tactic', 'tactic_id, detected, ');
  await grid('event_grid_technique', 'technique_id, ');
  await grid('event_grid_subtechnique', 'subtechnique_id, ');
  await grid('event_grid_detected', 'detected, ');
  await grid('event_grid_prevented', 'prevented, ');
  await grid('event_grid_operator', 'operator_user_id, ');
  await grid('event_grid_starred', '', ' and starred = 1');
  await sql`create index event_source on event (source_context_id)`.execute(db);
  await sql`create index event_target on event (target_context_id)`.execute(db);

  await withId(db.schema.createTable('tag'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_lower', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('tag_unique_name', ['engagement_id', 'name_lower'])
    .execute();

  await db.schema
    .createTable('event_tag')
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('tag_id', 'bigint', (c) => c.notNull().references('tag.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('event_tag_pk', ['event_id', 'tag_id'])
    .execute();
  await sql`create index event_tag_by_tag on event_tag (tag_id, event_id)`.execute(db);

  await withId(db.schema.createTable('file'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('filename', 'varchar(256)', (c) => c.notNull())
    .addColumn('size', 'bigint')
    .addColumn('md5', 'varchar(32)')
    .addColumn('sha1', 'varchar(40)')
    .addColumn('sha256', 'varchar(64)')
    .addColumn('description', 'varchar(1000)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create index file_merge_key on file (engagement_id, filename, size, md5)`.execute(db);

  await withId(db.schema.createTable('file_distribution'), dialect)
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('file_id', 'bigint', (c) => c.notNull().references('file.id').onDelete('restrict'))
    .addColumn('location', 'varchar(1000)')
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create index file_distribution_event on file_distribution (event_id)`.execute(db);
  await sql`create index file_distribution_file on file_distribution (file_id)`.execute(db);

  await createEventSearchStructures(db, dialect);
}
