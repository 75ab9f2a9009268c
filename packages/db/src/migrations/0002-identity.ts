import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { fk, withId } from './column-types.ts';

// The permission codes and seeded groups as they were when this migration was written (the catalogue
// lives in core, which the db package cannot import; a migration is frozen anyway).
const MODEL_ACTIONS = ['view', 'add', 'change', 'delete'];
const modelCodes = (models: string[]) => models.flatMap((m) => MODEL_ACTIONS.map((a) => `${m}.${a}`));
const ALL_CODES = [
  ...modelCodes(['engagement', 'event', 'context', 'file', 'tag', 'eventstream', 'credential']),
  'event.change_limited',
  'report.view',
  'plugin.admin',
  'job.admin',
  'webhook.admin',
  'user.admin',
  'audit.view',
  'backup.download',
];
const BLUE_READ_ONLY = ['event.view', 'context.view', 'file.view', 'tag.view', 'report.view'];
const GROUPS: Array<[string, string[]]> = [
  ['Administrators', ALL_CODES],
  [
    'Red Team Operators',
    [
      ...modelCodes(['event', 'context', 'file', 'tag', 'eventstream', 'credential']),
      'event.change_limited',
      'report.view',
    ],
  ],
  ['Client Blue Team - Read Only', BLUE_READ_ONLY],
  ['Client Blue Team - Limited Write', [...BLUE_READ_ONLY, 'event.change_limited']],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('app_user'), dialect)
    .addColumn('username', 'varchar(150)', (c) => c.notNull())
    .addColumn('username_key', 'varchar(150)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
    .addColumn('is_superuser', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('timezone', 'varchar(100)')
    .addColumn('theme', 'varchar(10)', (c) => c.notNull().defaultTo('auto'))
    .addColumn('current_engagement_id', 'bigint', fk('engagement', 'set null'))
    .addColumn('auth_epoch', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('last_login_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('user_group'), dialect)
    .addColumn('name', 'varchar(150)', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('group_permission')
    .addColumn('group_id', 'bigint', (c) => c.notNull().references('user_group.id').onDelete('cascade'))
    .addColumn('code', 'varchar(100)', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_permission_pk', ['group_id', 'code'])
    .execute();

  await db.schema
    .createTable('user_group_member')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('group_id', 'bigint', (c) => c.notNull().references('user_group.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_group_member_pk', ['user_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('engagement_member')
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('engagement_member_pk', ['engagement_id', 'user_id'])
    .execute();
  await db.schema.createIndex('engagement_member_user').on('engagement_member').column('user_id').execute();

  await withId(db.schema.createTable('user_session'), dialect)
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('auth_epoch', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();

  await withId(db.schema.createTable('refresh_token'), dialect)
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('family_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('auth_epoch', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('refresh_token_family').on('refresh_token').column('family_id').execute();

  await withId(db.schema.createTable('api_token'), dialect)
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_token_user').on('api_token').column('user_id').execute();

  await db.schema
    .createTable('auth_throttle')
    .addColumn('key', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('audit_log'), dialect)
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_user_id', 'bigint')
    .addColumn('actor', 'varchar(150)', (c) => c.notNull().defaultTo(''))
    .addColumn('action', 'varchar(100)', (c) => c.notNull())
    .addColumn('target', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('ip', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();

  const now = Date.now();
  for (const [name, codes] of GROUPS) {
    const group = await db
      .insertInto('user_group')
      .values({ name, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('group_permission')
      .values(codes.map((code) => ({ group_id: group.id, code })))
      .execute();
  }
}
