import fs from 'node:fs';
import path from 'node:path';

/** What a follower keeps between runs: when it first started, and how far each file was sent. */
export interface FollowState {
  /** Sessions first seen from then on send the new / respawned beacon webhooks. */
  startedAt: number;
  /** Path (relative to the logs folder) → bytes sent. */
  offsets: Record<string, number>;
}

/** The saved state, or a fresh one starting now. A damaged file is an error, never a silent restart. */
export function loadFollowState(file: string, now: number): FollowState {
  if (!fs.existsSync(file)) return { startedAt: now, offsets: {} };
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as FollowState;
    if (typeof s.startedAt !== 'number' || typeof s.offsets !== 'object' || s.offsets === null)
      throw new Error('missing startedAt or offsets');
    return s;
  } catch (error) {
    throw new Error(
      `The follower's state file ${file} is unreadable (${(error as Error).message}); move it away to start over (everything is sent again, nothing is duplicated).`,
    );
  }
}

/** Written to a temporary file and renamed over the old one, so a crash never leaves half a state. */
export function saveFollowState(file: string, state: FollowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
