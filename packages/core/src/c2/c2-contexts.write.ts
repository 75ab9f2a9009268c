import { getOrCreateContext } from '../contexts/index.ts';
import type { ServiceContext } from '../service-context.ts';
import type { C2SessionRecord } from './c2-records.ts';

/** The process as the event form names it: `rundll32.exe (PID: 4242)`. */
export function sessionProcess(s: { process: string; pid: number | null }): string {
  const name = s.process.toLowerCase();
  return s.pid === null ? name : `${name} (PID: ${s.pid})`;
}

/**
 * A new session becomes a context (host, user, process) of the engagement, so the event form offers it
 * as a source or target. Runs in the caller's transaction (`ctx` on it).
 */
export async function sessionContexts(
  ctx: ServiceContext,
  engagementId: number,
  sessions: readonly C2SessionRecord[],
) {
  for (const s of sessions) {
    if (!s.host && !s.user && !s.process) continue;
    await getOrCreateContext(ctx, engagementId, { host: s.host, user: s.user, process: sessionProcess(s) });
  }
}
