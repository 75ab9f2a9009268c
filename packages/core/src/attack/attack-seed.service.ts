import fs from 'node:fs';
import { writeTransaction } from '@steppingstones/db';
import { type ClockedHandle, inTransaction } from '../service-context.ts';
import type { AttackDataset } from './attack.dataset.ts';
import { parseCondensedAttack } from './attack-condensed.parser.ts';
import { ATTACK_RELEASE_KEY, applyAttackDataset } from './attack-import.service.ts';

const VENDORED = new URL('./data/attack-enterprise.json', import.meta.url);
let vendored: AttackDataset | undefined;

/** The ATT&CK release shipped with the project (parsed once per process, on first use). */
export function vendoredAttackDataset(): AttackDataset {
  vendored ??= parseCondensedAttack(JSON.parse(fs.readFileSync(VENDORED, 'utf8')));
  return vendored;
}

/**
 * Loads the vendored ATT&CK release into an empty database. Every process calls this after
 * migrating; the `attack.release` row is claimed first inside the write transaction, so concurrent
 * starters (several servers on PostgreSQL, server + worker + CLI on SQLite) load it exactly once.
 * Returns true when this call loaded it.
 */
export async function ensureAttackData(ctx: ClockedHandle): Promise<boolean> {
  const { db } = ctx;
  const present = await db
    .selectFrom('app_state')
    .select('key')
    .where('key', '=', ATTACK_RELEASE_KEY)
    .executeTakeFirst();
  if (present) return false;
  return writeTransaction(db, async (tx) => {
    const claim = await tx
      .insertInto('app_state')
      .values({ key: ATTACK_RELEASE_KEY, value: '{}', updated_at: ctx.clock.now() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const any = await tx.selectFrom('attack_tactic').select('id').limit(1).executeTakeFirst();
    if (any) return false;
    await applyAttackDataset(inTransaction(ctx, tx), vendoredAttackDataset(), 'vendored');
    return true;
  });
}
