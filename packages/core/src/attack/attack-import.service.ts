import { type DB, writeTransaction } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { type ClockedHandle, inTransaction } from '../service-context.ts';
import type { AttackDataset } from './attack.dataset.ts';
import { checkAttackDataset } from './attack-dataset.check.ts';

export const ATTACK_RELEASE_KEY = 'attack.release';

export interface KindCounts {
  added: number;
  updated: number;
  unchanged: number;
  deprecated: number;
}

export interface AttackImportReport {
  release: string;
  tactics: KindCounts;
  techniques: KindCounts;
  mitigations: KindCounts;
  detectionStrategies: KindCounts;
  analytics: number;
}

/** Imports a release in one transaction (all or nothing). */
export function importAttackDataset(
  ctx: ClockedHandle,
  data: AttackDataset,
  source: string,
): Promise<AttackImportReport> {
  return writeTransaction(ctx.db, (tx) => applyAttackDataset(inTransaction(ctx, tx), data, source));
}

/**
 * Upserts a release inside the caller's transaction. Rows missing from the release are marked
 * deprecated (never deleted) and keep their tactic links, so events that reference them stay valid.
 */
export async function applyAttackDataset(
  ctx: ClockedHandle,
  data: AttackDataset,
  source: string,
): Promise<AttackImportReport> {
  const tx = ctx.db;
  const existingTechniques = await tx.selectFrom('attack_technique').selectAll().execute();
  checkAttackDataset(data, new Set(existingTechniques.map((t) => t.id)));
  const fresh = existingTechniques.length === 0;

  const tactics = await upsertRows(
    tx,
    'attack_tactic',
    await tx.selectFrom('attack_tactic').selectAll().execute(),
    data.tactics.map((t) => ({ ...t, deprecated: 0 })),
  );
  const techniques = await upsertRows(
    tx,
    'attack_technique',
    existingTechniques,
    data.techniques.map((t) => ({
      id: t.id,
      parent_id: t.parent_id,
      name: t.name,
      url: t.url,
      description: t.description,
      detection: t.detection,
      platforms: JSON.stringify(t.platforms),
      deprecated: t.deprecated ? 1 : 0,
    })),
  );
  const mitigations = await upsertRows(
    tx,
    'attack_mitigation',
    await tx.selectFrom('attack_mitigation').selectAll().execute(),
    data.mitigations.map((m) => ({ ...m, deprecated: m.deprecated ? 1 : 0 })),
  );
  const detectionStrategies = await upsertRows(
    tx,
    'attack_detection_strategy',
    await tx.selectFrom('attack_detection_strategy').selectAll().execute(),
    data.detectionStrategies.map((s) => ({
      id: s.id,
      name: s.name,
      url: s.url,
      deprecated: s.deprecated ? 1 : 0,
    })),
  );

  // Links of the techniques in this release are replaced; links of the others are kept.
  const techniqueIds = data.techniques.map((t) => t.id);
  const strategyIds = data.detectionStrategies.map((s) => s.id);
  if (!fresh) {
    for (const ids of chunks(techniqueIds, 500)) {
      await tx.deleteFrom('attack_technique_tactic').where('technique_id', 'in', ids).execute();
      await tx.deleteFrom('attack_technique_mitigation').where('technique_id', 'in', ids).execute();
      await tx.deleteFrom('attack_technique_detection').where('technique_id', 'in', ids).execute();
    }
    for (const ids of chunks(strategyIds, 500)) {
      await tx.deleteFrom('attack_analytic').where('strategy_id', 'in', ids).execute();
    }
  }
  await insertBatches(
    tx,
    'attack_technique_tactic',
    data.techniques.flatMap((t) =>
      [...new Set(t.tactic_ids)].map((tactic_id) => ({ technique_id: t.id, tactic_id })),
    ),
  );
  await insertBatches(
    tx,
    'attack_technique_mitigation',
    data.techniques.flatMap((t) =>
      dedupeBy(t.mitigations, (m) => m.id).map((m) => ({
        technique_id: t.id,
        mitigation_id: m.id,
        description: m.description,
      })),
    ),
  );
  await insertBatches(
    tx,
    'attack_technique_detection',
    data.techniques.flatMap((t) =>
      [...new Set(t.detection_strategy_ids)].map((strategy_id) => ({ technique_id: t.id, strategy_id })),
    ),
  );
  const analytics = data.detectionStrategies.flatMap((s) =>
    s.analytics.map((a, position) => ({
      id: a.id,
      strategy_id: s.id,
      position,
      platforms: JSON.stringify(a.platforms),
      description: a.description,
    })),
  );
  // An analytic shared by two strategies is stored once, under the first.
  const uniqueAnalytics = dedupeBy(analytics, (a) => a.id);
  if (!fresh) {
    for (const ids of chunks(
      uniqueAnalytics.map((a) => a.id),
      500,
    )) {
      await tx.deleteFrom('attack_analytic').where('id', 'in', ids).execute();
    }
  }
  await insertBatches(tx, 'attack_analytic', uniqueAnalytics);

  const now = ctx.clock.now();
  const value = JSON.stringify({ ...data.release, source, imported_at: new Date(now).toISOString() });
  await tx
    .insertInto('app_state')
    .values({ key: ATTACK_RELEASE_KEY, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();

  return {
    release: data.release.release,
    tactics,
    techniques,
    mitigations,
    detectionStrategies,
    analytics: uniqueAnalytics.length,
  };
}

type RefTable = 'attack_tactic' | 'attack_technique' | 'attack_mitigation' | 'attack_detection_strategy';
type Row = { id: string; deprecated: number } & Record<string, unknown>;

async function upsertRows(
  tx: Kysely<DB>,
  table: RefTable,
  existing: Row[],
  incoming: Row[],
): Promise<KindCounts> {
  const before = new Map(existing.map((r) => [r.id, r]));
  const counts: KindCounts = { added: 0, updated: 0, unchanged: 0, deprecated: 0 };
  const added: Row[] = [];
  for (const row of incoming) {
    const old = before.get(row.id);
    before.delete(row.id);
    if (!old) {
      added.push(row);
      counts.added++;
    } else if (Object.keys(row).some((k) => old[k] !== row[k])) {
      // The row shape matches `table` (built by the callers); Kysely cannot check a union of tables.
      await tx
        .updateTable(table)
        .set(row as never)
        .where('id', '=', row.id)
        .execute();
      counts.updated++;
    } else counts.unchanged++;
  }
  await insertBatches(tx, table, added);
  const missing = [...before.values()].filter((r) => !r.deprecated).map((r) => r.id);
  for (const ids of chunks(missing, 500)) {
    await tx.updateTable(table).set({ deprecated: 1 }).where('id', 'in', ids).execute();
  }
  counts.deprecated = missing.length;
  return counts;
}

async function insertBatches<T extends Record<string, unknown>>(
  tx: Kysely<DB>,
  table: keyof DB,
  rows: T[],
): Promise<void> {
  // 300 rows x at most 8 columns stays far below both dialects' bound-parameter limits.
  for (const batch of chunks(rows, 300)) {
    // Rows are built for `table` by the caller; Kysely cannot check a union of tables.
    await tx
      .insertInto(table)
      .values(batch as never)
      .execute();
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function dedupeBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
