import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { AttackNames } from './event-columns.ts';

/** Names of every tactic and technique, read once per export (a few hundred rows). */
export async function attackNames(db: Kysely<DB>): Promise<AttackNames> {
  const names: AttackNames = new Map();
  for (const t of await db.selectFrom('attack_tactic').select(['id', 'name']).execute())
    names.set(t.id, t.name);
  for (const t of await db.selectFrom('attack_technique').select(['id', 'name']).execute())
    names.set(t.id, t.name);
  return names;
}
