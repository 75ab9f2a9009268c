import { type Kysely, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../create-db.ts';
import { parseDatabaseUrl } from '../database-url.ts';
import { migrateToLatest } from '../migrate.ts';
import { createTestDatabase, type TestDatabase, testDialects } from '../testing/index.ts';
import { migrationProvider } from './index.ts';

// biome-ignore lint/suspicious/noExplicitAny: the schema as it was before 0010 (groups).
type Old = Kysely<any>;

async function seedGroups(db: Old): Promise<void> {
  const now = Date.now();
  for (const code of ['ACME', 'BETA'])
    await db
      .insertInto('engagement')
      .values({
        code,
        name: code,
        description: '',
        start_date: '2026-01-01',
        end_date: '2026-12-31',
        created_at: now,
        updated_at: now,
      })
      .execute();
  const user = (username: string, superuser = 0) =>
    db
      .insertInto('app_user')
      .values({
        username,
        username_key: username,
        display_name: '',
        password_hash: 'x',
        is_superuser: superuser,
        is_active: 1,
        theme: 'auto',
        auth_epoch: 0,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const users = {
    admin: await user('admin'),
    root: await user('root', 1),
    op: await user('op'),
    both: await user('both'),
    nogroup: await user('nogroup'),
    limited: await user('limited'),
  };
  const group = async (name: string) =>
    (await db.selectFrom('user_group').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const custom = await db
    .insertInto('user_group')
    .values({ name: 'Custom', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const memberOf = async (u: { id: unknown }, names: string[]) => {
    for (const n of names)
      await db
        .insertInto('user_group_member')
        .values({ user_id: u.id, group_id: n === 'Custom' ? custom.id : await group(n) })
        .execute();
  };
  await memberOf(users.admin, ['Administrators', 'Client Blue Team - Read Only']);
  await memberOf(users.root, ['Administrators']);
  await memberOf(users.op, ['Red Team Operators']);
  await memberOf(users.both, ['Client Blue Team - Read Only', 'Red Team Operators', 'Custom']);
  await memberOf(users.limited, ['Client Blue Team - Limited Write', 'Custom']);
  const engagement = async (code: string) =>
    (await db.selectFrom('engagement').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  for (const [u, codes] of [
    [users.admin, ['ACME']],
    [users.root, ['ACME']],
    [users.op, ['ACME', 'BETA']],
    [users.both, ['BETA']],
    [users.nogroup, ['ACME']],
    [users.limited, ['ACME']],
  ] as const)
    for (const code of codes)
      await db
        .insertInto('engagement_member')
        .values({ engagement_id: await engagement(code), user_id: u.id, created_at: now })
        .execute();
}

describe.each(testDialects())('migration 0010 (roles per engagement) on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('turns each membership into a role, logs each decision and drops the groups', async () => {
    testDb = await createTestDatabase(dialect);
    database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
    const before = await migrator.migrateTo('0009-detection-sort-indexes');
    expect(before.error).toBeUndefined();
    await seedGroups(database.db as Old);

    await migrateToLatest(database);

    const roles = await database.db
      .selectFrom('engagement_member as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .innerJoin('engagement as e', 'e.id', 'm.engagement_id')
      .select(['u.username', 'e.code', 'm.role'])
      .orderBy('u.username')
      .orderBy('e.code')
      .execute();
    expect(roles.map((r) => `${r.username}@${r.code}=${r.role}`)).toEqual([
      'admin@ACME=lead', // Administrators wins over the blue team group
      'both@BETA=operator', // the most privileged of several groups; an unknown group counts for nothing
      'limited@ACME=blue-limited-write',
      'nogroup@ACME=blue-read-only', // no group at all
      'op@ACME=operator',
      'op@BETA=operator',
      'root@ACME=lead',
    ]);
    const log = await database.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'details'])
      .where('action', 'like', 'migration.%')
      .orderBy('id')
      .execute();
    const assigned = log.filter((l) => l.action === 'migration.role_assigned');
    expect(assigned).toHaveLength(7);
    expect(JSON.parse(assigned.find((l) => l.target === 'both in BETA')?.details ?? '{}')).toMatchObject({
      role: 'operator',
      groups: ['Client Blue Team - Read Only', 'Custom', 'Red Team Operators'],
      reason: 'the most privileged of the groups',
    });
    expect(JSON.parse(assigned.find((l) => l.target === 'nogroup in ACME')?.details ?? '{}')).toMatchObject({
      role: 'blue-read-only',
      reason: 'no group naming a role',
    });
    // The non-superuser administrator loses instance administration; the superuser keeps it.
    expect(log.filter((l) => l.action === 'migration.instance_admin_removed').map((l) => l.target)).toEqual([
      'admin',
    ]);
    const users = await database.db
      .selectFrom('app_user')
      .select(['username', 'is_superuser'])
      .orderBy('username')
      .execute();
    expect(users.filter((u) => u.is_superuser).map((u) => u.username)).toEqual(['root']);
    const tables = await (database.db as Old).introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('user_group');
    expect(tables.map((t) => t.name)).not.toContain('user_group_member');
    expect(tables.map((t) => t.name)).not.toContain('group_permission');
  });
});
