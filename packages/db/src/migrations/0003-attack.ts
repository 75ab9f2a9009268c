import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';

/**
 * ATT&CK reference tables. Keys are MITRE ids (text), not surrogate ids, and events reference them by
 * value, so an import can upsert a new release without breaking old events. The data itself is loaded
 * after migration by `ensureAttackData` (packages/core/src/attack), which owns the vendored file.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('attack_tactic')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('shortname', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('matrix_order', 'integer', (c) => c.notNull())
    .addColumn('url', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('deprecated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('attack_technique')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('parent_id', 'varchar(16)')
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('url', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('detection', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('platforms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deprecated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('attack_technique_parent').on('attack_technique').column('parent_id').execute();

  await db.schema
    .createTable('attack_technique_tactic')
    .addColumn('technique_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('tactic_id', 'varchar(16)', (c) => c.notNull())
    .addPrimaryKeyConstraint('attack_technique_tactic_pk', ['technique_id', 'tactic_id'])
    .execute();
  await db.schema
    .createIndex('attack_technique_tactic_tactic')
    .on('attack_technique_tactic')
    .columns(['tactic_id', 'technique_id'])
    .execute();

  await db.schema
    .createTable('attack_mitigation')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('url', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('deprecated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('attack_technique_mitigation')
    .addColumn('technique_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('mitigation_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('attack_technique_mitigation_pk', ['technique_id', 'mitigation_id'])
    .execute();

  await db.schema
    .createTable('attack_detection_strategy')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('url', 'varchar(300)', (c) => c.notNull())
    .addColumn('deprecated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('attack_technique_detection')
    .addColumn('technique_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('strategy_id', 'varchar(16)', (c) => c.notNull())
    .addPrimaryKeyConstraint('attack_technique_detection_pk', ['technique_id', 'strategy_id'])
    .execute();

  await db.schema
    .createTable('attack_analytic')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('strategy_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('platforms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('attack_analytic_strategy')
    .on('attack_analytic')
    .columns(['strategy_id', 'position'])
    .execute();
}
