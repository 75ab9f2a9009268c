import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';

// The role slugs and names as they were when this migration was written (frozen; the catalogue lives in
// packages/shared, which a migration must not follow).
const ROLE_BY_GROUP: Record<string, string> = {
  Administrators: 'lead',
  'Red Team Operators': 'operator',
  'Client Blue Team - Limited Write': 'blue-limited-write',
  'Client Blue Team - Read Only': 'blue-read-only',
};
const MOST_PRIVILEGED_FIRST = ['lead', 'operator', 'blue-limited-write', 'blue-read-only'];
const NO_GROUP_ROLE = 'blue-read-only';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
type Db = Kysely<any>;

/** One line of the migration's log: kept in the audit log, where an administrator looks for who got what. */
async function log(db: Db, now: number, action: string, target: string, details: object): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now,
      actor_user_id: null,
      actor: 'migration 0010',
      action,
      target,
      ip: '',
      details: JSON.stringify(details),
    })
    .execute();
}

/**
 * Roles per engagement replace instance-wide groups: each membership gets the role named like the
 * member's group (`lead` for Administrators; the most privileged when in several; `blue-read-only` with
 * none). Administrators who are not superusers lose instance administration with the groups.
 */
async function convertMemberships(db: Db, now: number): Promise<void> {
  const groups = await db
    .selectFrom('user_group_member as m')
    .innerJoin('user_group as g', 'g.id', 'm.group_id')
    .select(['m.user_id', 'g.name'])
    .execute();
  const groupsOf = new Map<number, string[]>();
  for (const g of groups)
    groupsOf.set(Number(g.user_id), [...(groupsOf.get(Number(g.user_id)) ?? []), g.name]);
  const members = await db
    .selectFrom('engagement_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .innerJoin('engagement as e', 'e.id', 'm.engagement_id')
    .select(['m.user_id', 'm.engagement_id', 'u.username', 'e.code'])
    .orderBy('m.engagement_id')
    .orderBy('m.user_id')
    .execute();
  for (const m of members) {
    const names = (groupsOf.get(Number(m.user_id)) ?? []).sort();
    const roles = names.map((n) => ROLE_BY_GROUP[n]).filter((r): r is string => Boolean(r));
    const role = MOST_PRIVILEGED_FIRST.find((r) => roles.includes(r)) ?? NO_GROUP_ROLE;
    const reason = roles.length
      ? roles.length > 1
        ? 'the most privileged of the groups'
        : 'the group'
      : 'no group naming a role';
    await db
      .updateTable('engagement_member')
      .set({ role })
      .where('engagement_id', '=', m.engagement_id)
      .where('user_id', '=', m.user_id)
      .execute();
    await log(db, now, 'migration.role_assigned', `${m.username} in ${m.code}`, {
      username: m.username,
      engagement: m.code,
      groups: names,
      role,
      reason,
    });
  }
  const admins = await db
    .selectFrom('user_group_member as m')
    .innerJoin('user_group as g', 'g.id', 'm.group_id')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select('u.username')
    .where('g.name', '=', 'Administrators')
    .where('u.is_superuser', '=', 0)
    .orderBy('u.username_key')
    .execute();
  for (const a of admins)
    await log(db, now, 'migration.instance_admin_removed', a.username, {
      username: a.username,
      reason: 'in the Administrators group but not a superuser: instance administration is the superuser’s',
    });
}

export async function up(db: Db, dialect: DialectName): Promise<void> {
  const now = Date.now();
  await db.schema
    .alterTable('engagement_member')
    .addColumn('role', 'varchar(40)', (c) => c.notNull().defaultTo(NO_GROUP_ROLE))
    .execute();
  await convertMemberships(db, now);
  await db.schema.dropTable('user_group_member').execute();
  await db.schema.dropTable('group_permission').execute();
  await db.schema.dropTable('user_group').execute();

  // Jobs concern one engagement (or none: the superuser's); webhooks belong to one engagement or the instance.
  await db.schema
    .alterTable('job')
    .addColumn('engagement_id', 'bigint', (c) => c.references('engagement.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('job_engagement').on('job').columns(['engagement_id', 'id']).execute();
  await db.schema
    .alterTable('webhook')
    .addColumn('engagement_id', 'bigint', (c) => c.references('engagement.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('webhook_engagement').on('webhook').column('engagement_id').execute();
  // Audit entries about one engagement are shown to its leads; entries of none only to superusers.
  await db.schema.alterTable('audit_log').addColumn('engagement_id', 'bigint').execute();
  await db.schema
    .createIndex('audit_log_engagement')
    .on('audit_log')
    .columns(['engagement_id', 'at'])
    .execute();
  // A personal token limited to engagements: JSON array of ids; null = all of the owner's.
  await db.schema.alterTable('api_token').addColumn('engagements', 'text').execute();

  // Webhook deliveries already queued name the outbox row their message is about.
  const domainEventId =
    dialect === 'postgres'
      ? sql`((job.payload::jsonb) ->> 'domainEventId')::bigint`
      : sql`json_extract(job.payload, '$.domainEventId')`;
  await sql`update job set engagement_id = (
      select d.engagement_id from domain_event d where d.id = ${domainEventId}
    ) where task = 'core:webhook.deliver'`.execute(db);
}
