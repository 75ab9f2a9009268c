import { Migrator } from 'kysely';
import type { Database } from './create-db.ts';
import { migrationProvider } from './migrations/index.ts';

export interface MigrationReport {
  applied: string[];
}

/** Applies every pending migration. Safe to call from several processes at once (the migrator locks). */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed ?? ''} failed: ${reason}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

export async function pendingMigrations(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
