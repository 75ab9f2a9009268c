import { type ApiSession, openApiSession } from './events-api.ts';
import { handWrittenExport } from './export-sql.ts';
import type { BenchEnv } from './types.ts';

/** What an export benchmark (CSV or XLSX) works with. */
export interface ExportState {
  session: ApiSession;
  /** The export URL of the whole benchmark engagement. */
  url: string;
  hand: () => Promise<number>;
  /** The engagement's events: what a complete export holds. */
  rows: number;
}

/** Starts the server, signs in, and aims at the export of every event of the dataset's engagement. */
export async function exportSetup(env: BenchEnv, format: 'csv' | 'xlsx'): Promise<ExportState> {
  const dataset = env.dataset!;
  const session = await openApiSession(env);
  const url = `/api/v1/events/export/?format=${format}&engagement=${dataset.engagementCode}`;
  return { session, url, hand: handWrittenExport(env), rows: dataset.mainCount };
}

/** The baseline of both: the same rows read by hand from SQL, all of them or the run fails. */
export async function exportBaseline(state: ExportState): Promise<{ rows: number }> {
  const rows = await state.hand();
  if (rows !== state.rows) throw new Error(`the hand-written read found ${rows} rows, not ${state.rows}`);
  return { rows };
}
