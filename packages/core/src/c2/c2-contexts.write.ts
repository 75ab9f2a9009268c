import type { Tx } from '@steppingstones/db';
import { getOrCreateContext } from '../contexts/index.ts';
import type { C2SessionRecord } from './c2-records.ts';

/** The process as the event form names it: `rundll32.exe (PID: 4242)`. */
export function sessionProcess(s: { process: string; pid: number | null }): string {
  const name = s.process.toLowerCase();
  return s.pid === null ? name : `${name} (PID: ${s.pid})`;
}

/**
 * A new session becomes a context (host, user, process) of the engagement, so the event form offers it
 * as a source or target.
 */
export async function sessionContexts(tx: Tx, engagementId: number, sessions: readonly C2SessionRecord[]) {
  for (const s of sessions) {
    if (!s.host && !s.user && !s.process) continue;
    await getOrCreateContext(tx, engagementId, { host: s.host, user: s.user, process: sessionProcess(s) });
  }
}
