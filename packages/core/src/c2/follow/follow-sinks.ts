import tar from 'tar-stream';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../permissions/index.ts';
import { type C2ImportResult, importC2Logs } from '../c2-import.service.ts';
import type { FollowBatch, FollowSink } from './c2-follower.ts';

export interface FollowTarget {
  engagement: string;
  server: string;
  adapter: string;
}

const sum = (a: C2ImportResult, b: C2ImportResult): C2ImportResult => ({
  sessions: a.sessions + b.sessions,
  actions: a.actions + b.actions,
  downloads: a.downloads + b.downloads,
  files: a.files + b.files,
  credentials: a.credentials + b.credentials,
  rejected: [...a.rejected, ...b.rejected],
});
const EMPTY: C2ImportResult = {
  sessions: 0,
  actions: 0,
  downloads: 0,
  files: 0,
  credentials: 0,
  rejected: [],
};

/** Batches into this hub's database, as `principal` (the CLI's `cli` user or `--as`). */
export function localFollowSink(
  ctx: AppContext,
  principal: Principal,
  target: FollowTarget,
  actorName?: string,
): FollowSink {
  return async (batch: FollowBatch) => {
    const base = {
      engagement: target.engagement,
      adapter: target.adapter,
      server: target.server,
      filename: 'follow',
      actorName,
      follow: { startedAt: batch.startedAt, lagMs: batch.lagMs },
    };
    let result = EMPTY;
    if (batch.entries.length)
      result = await importC2Logs(ctx, principal, { ...base, entries: batch.entries });
    if (batch.tails.length)
      result = sum(
        result,
        await importC2Logs(ctx, principal, { ...base, entries: batch.tails, sessionsOnly: true }),
      );
    return result;
  };
}

async function tarOf(files: ReadonlyArray<{ path: string; text: string }>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const f of files) pack.entry({ name: f.path }, f.text);
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Batches to another hub's import API as small tar archives, with an API token. */
export function httpFollowSink(
  url: string,
  token: string,
  target: FollowTarget,
  timeoutMs = 120_000,
): FollowSink {
  const post = async (files: FollowBatch['entries'], batch: FollowBatch, sessionsOnly: boolean) => {
    const query = new URLSearchParams({
      engagement: target.engagement,
      adapter: target.adapter,
      server: target.server,
      follow_started: new Date(batch.startedAt).toISOString(),
      follow_lag_ms: String(Math.round(batch.lagMs)),
      ...(sessionsOnly ? { sessions_only: 'true' } : {}),
    });
    const res = await fetch(`${url.replace(/\/+$/, '')}/api/v1/c2/imports/?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-tar' },
      body: new Uint8Array(await tarOf(files)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as C2ImportResult & { detail?: string };
    if (!res.ok) throw new Error(`the hub answered ${res.status}: ${body.detail ?? JSON.stringify(body)}`);
    return body;
  };
  return async (batch) => {
    let result = EMPTY;
    if (batch.entries.length) result = await post(batch.entries, batch, false);
    if (batch.tails.length) result = sum(result, await post(batch.tails, batch, true));
    return result;
  };
}
