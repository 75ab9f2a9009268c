import type { Database } from '@steppingstones/db';
import type { EventDatasetSpec } from './events.ts';
import type { Estate } from './vocabulary.ts';

export interface LoadTargets {
  engagementIds: number[];
  operatorUserIds: number[];
}

/** Loads the generated events into a migrated database. */
export async function loadEvents(
  _database: Database,
  _spec: EventDatasetSpec,
  _estate: Estate,
  _targets: LoadTargets,
): Promise<{ mainCount: number }> {
  throw new Error('The event log is not there yet (packages/core/src/events/testing/seed-events.ts).');
}
