import type { Detected } from './events.ts';

/** What a built dataset holds, saved beside the cached database so benchmarks can find their way in. */
export interface DatasetInfo {
  key: string;
  seed: number;
  /** Events in the dataset, all engagements. */
  count: number;
  /** Events of the main engagement (the one every benchmark queries). */
  mainCount: number;
  engagementId: number;
  engagementCode: string;
  otherEngagementId: number;
  /** A superuser operator whose password the benchmarks log in with. */
  username: string;
  password: string;
  operatorUserIds: number[];
  terms: { rare: string; common: string };
  filter: { tactic: string; detected: Detected };
  /** Seconds the build took (generation and load), for the docs. */
  buildSeconds: number;
}
