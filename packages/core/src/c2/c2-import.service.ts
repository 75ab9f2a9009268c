import { type Tx, writeTransaction } from '@steppingstones/db';
import type { AppContext } from '../app-context.ts';
import { assertWritable } from '../engagements/index.ts';
import { ValidationError } from '../errors.ts';
import { hasEngagementPermission, type Principal } from '../permissions/index.ts';
import { inTransaction, serviceContext } from '../service-context.ts';
import type { ArchiveLimits } from './archive/archive-limits.ts';
import { type ArchiveSource, readArchive } from './archive/read-archive.ts';
import { writeActions, writeDownloads } from './c2-actions.write.ts';
import { sessionContexts } from './c2-contexts.write.ts';
import { c2Engagement } from './c2-engagement.ts';
import { writeActionCredentials, writeIndicatorFiles } from './c2-findings.write.ts';
import { mergeRecords } from './c2-merge.ts';
import { c2ThreadParser, InOrder } from './c2-parse.client.ts';
import { writePresences } from './c2-presence.write.ts';
import type { C2DownloadRecord, C2ParseResult, C2Record, C2Rejection } from './c2-records.ts';
import { knownSessionIds, linkParents, serverId, writeSessions } from './c2-sessions.write.ts';
import { findC2Source } from './c2-source.ts';
import { newBeaconWebhooks, returnedBeaconWebhooks } from './c2-webhooks.write.ts';

/** The answer of an import (API body, CLI `--json` line): what was new, and what could not be read. */
export interface C2ImportResult {
  sessions: number;
  actions: number;
  downloads: number;
  files: number;
  credentials: number;
  rejected: C2Rejection[];
}

export interface C2ImportRequest {
  engagement: string | undefined;
  /** A C2 source's key (`cobalt-strike-logs`) or `PLUGIN:KEY`. */
  adapter: string | undefined;
  /** The server the records belong to; defaults to the archive's name. */
  server?: string | undefined;
  filename: string;
  /** The archive or log: in memory (an API body) or a file read as a stream (the CLI). */
  data?: Buffer;
  file?: string;
  /** Or the files' text directly (the follower's new, complete parts), paths as in `logs/`. */
  entries?: ReadonlyArray<{ path: string; text: string }>;
  /** Keep only what the files say about sessions (the follower's check-ins of unfinished parts). */
  sessionsOnly?: boolean;
  /**
   * Set by `c2 follow`: sessions first seen at or after `startedAt` send the new / respawned beacon
   * webhooks, watched sessions that check in send "returned beacon", and the server records the
   * follower's health (this batch, its lag). A plain import never sends webhooks.
   */
  follow?: { startedAt: number; lagMs: number };
  /** Recorded as the importer; defaults to the principal's username (`cli` for the command line). */
  actorName?: string;
  limits?: ArchiveLimits;
  /**
   * Actions written per transaction; memory holds about one batch. Default 2 500: a batch of 5 000 lives
   * long enough to reach the old generation, where the garbage of each one piles up until a late full GC
   * (about 100 MB more at 200 000 actions); 2 500 is as fast and stays flat.
   */
  batchActions?: number;
  /** Called after each batch is saved (the CLI's progress). */
  onProgress?: (done: { files: number; actions: number }) => void;
  signal?: AbortSignal;
}

/** Whether an import read nothing at all (the CLI's exit 2): every file rejected, none parsed. */
export function nothingImported(result: C2ImportResult & { read?: number }): boolean {
  return result.read === 0 && result.rejected.length > 0;
}

type Counts = Omit<C2ImportResult, 'rejected'>;

/**
 * Imports a C2 log archive (or one log) into an engagement through the C2 source plugin the request
 * names: sessions, operator actions, downloads, the files of `file:` indicators and the credentials
 * found in new output. The archive is read one file at a time and saved in batches (one transaction
 * each), so memory stays flat. Each record is idempotent on its natural key, so importing again adds
 * nothing. Unreadable files and entries are reported in `rejected`; the rest imports.
 */
export async function importC2Logs(
  ctx: AppContext,
  principal: Principal,
  request: C2ImportRequest,
): Promise<C2ImportResult & { read: number }> {
  const services = serviceContext(ctx, principal);
  const db = services.db;
  const engagement = await c2Engagement(db, principal, request.engagement, 'c2.add');
  const source = await findC2Source(ctx, principal, request.adapter);
  assertWritable(engagement);
  const serverName = (request.server ?? '').trim() || request.filename;
  if (serverName.length > 200) throw ValidationError.field('server', 'must be at most 200 characters');
  const archive: ArchiveSource = request.file
    ? { kind: 'file', path: request.file }
    : { kind: 'buffer', data: request.data ?? Buffer.alloc(0) };
  const signal = request.signal ?? new AbortController().signal;
  // The plugin's parser runs in the plugin thread pool, never on the event loop.
  const { id, code, name, startDate, endDate } = engagement;
  const parse = await c2ThreadParser(ctx, source, { id, code, name, startDate, endDate }, signal);
  const mayAddCredentials = hasEngagementPermission(principal, engagement.id, 'credential.add');
  const actor = { userId: principal.userId || null, username: request.actorName ?? principal.username };
  const batchActions = request.batchActions ?? 2500;
  const now = ctx.clock.now();
  const server = await writeTransaction(db, (tx) =>
    serverId(tx, engagement.id, serverName, source.point.framework, now),
  );

  const totals: Counts = { sessions: 0, actions: 0, downloads: 0, files: 0, credentials: 0 };
  const rejected: C2Rejection[] = [];
  // Kept across batches (small: one entry per session or download): a child's parent may come later
  // in the archive, and downloads.log may come before the logs of the sessions it names.
  const sessionIds = new Map<string, number>();
  const hosts = new Map<number, string>();
  const parents = new Map<string, string>();
  const downloads: C2DownloadRecord[] = [];
  let pending: C2Record[] = [];
  let pendingActions = 0;
  let read = 0;
  let files = 0;
  const decoder = new TextDecoder('utf-8');

  const flush = async () => {
    if (pending.length === 0) return;
    const merged = mergeRecords(pending);
    pending = [];
    pendingActions = 0;
    const counts = await writeTransaction(db, async (tx: Tx) => {
      const sessions = await writeSessions(tx, server, merged.sessions);
      const inTx = inTransaction(services, tx);
      await sessionContexts(inTx, engagement.id, sessions.added);
      if (request.follow) {
        const idOf = (ext: string) => sessions.ids.get(ext) as number;
        await newBeaconWebhooks(inTx, {
          engagementId: engagement.id,
          serverName,
          added: sessions.added.map((record) => ({ id: idOf(record.externalId), record })),
          firstSeenAfter: request.follow.startedAt,
        });
        await returnedBeaconWebhooks(inTx, {
          engagementId: engagement.id,
          serverName,
          sessionIds: [...sessions.ids.values()],
        });
      }
      for (const [ext, id] of sessions.ids) sessionIds.set(ext, id);
      for (const s of merged.sessions.values()) {
        if (s.host) hosts.set(sessionIds.get(s.externalId) as number, s.host);
        if (s.parentExternalId) parents.set(s.externalId, s.parentExternalId);
      }
      await knownSessionIds(
        tx,
        server,
        merged.actions.map((a) => a.sessionExternalId),
        sessionIds,
      );
      await knownSessionIds(
        tx,
        server,
        merged.checkins.map((c) => c.sessionExternalId),
        sessionIds,
      );
      await writePresences(tx, sessionIds, merged.checkins);
      const created = new Set(sessions.added.map((s) => sessionIds.get(s.externalId) as number));
      const actions = await writeActions(tx, sessionIds, merged.actions, created);
      const files = await writeIndicatorFiles(tx, engagement.id, actions, now);
      const credentials = mayAddCredentials
        ? await writeActionCredentials(inTx, engagement.id, actions, hosts, actor)
        : 0;
      return { sessions: sessions.added.length, actions: actions.length, files, credentials };
    });
    totals.sessions += counts.sessions;
    totals.actions += counts.actions;
    totals.files += counts.files;
    totals.credentials += counts.credentials;
    request.onProgress?.({ files, actions: totals.actions });
  };

  // The thread parses the next files while this one's records are written.
  const parsedFiles = new InOrder<C2ParseResult>(2, async (parsed) => {
    if (parsed.records.length > 0) read++;
    rejected.push(...parsed.rejected);
    for (const r of parsed.records) {
      if (r.type === 'download') {
        if (!request.sessionsOnly) downloads.push(r);
      } else if (r.type === 'session' || r.type === 'checkin' || !request.sessionsOnly) {
        pending.push(r);
        // Check-ins weigh like actions on a batch, so memory stays flat however chatty a beacon is.
        if (r.type !== 'session') pendingActions++;
      }
    }
    if (pendingActions >= batchActions) await flush();
  });
  const onFile = async (path: string, text: string) => {
    signal.throwIfAborted();
    files++;
    await parsedFiles.add(parse(path, text));
  };
  // What the archive itself refuses comes after what its files said, as when files were parsed in turn.
  let unread: C2Rejection[] = [];
  if (request.entries) {
    for (const e of request.entries)
      if (source.point.wants(e.path)) await onFile(e.path, e.text);
      else
        await parsedFiles.add(
          Promise.resolve({
            records: [],
            rejected: [{ entry: e.path, reason: `not a ${source.point.files}` }],
          }),
        );
  } else {
    unread = await readArchive(
      {
        name: request.filename,
        source: archive,
        wanted: source.point.wants,
        files: source.point.files,
        limits: request.limits,
      },
      (path, data) => onFile(path, decoder.decode(data)),
    );
  }
  await parsedFiles.drain();
  rejected.push(...unread);
  await flush();
  totals.downloads = await writeTransaction(db, async (tx) => {
    await linkParents(tx, server, parents, sessionIds);
    await knownSessionIds(
      tx,
      server,
      downloads.map((d) => d.sessionExternalId),
      sessionIds,
    );
    if (request.follow)
      await tx
        .updateTable('c2_server')
        .set({
          follower_batch_at: ctx.clock.now(),
          follower_lag_ms: Math.max(0, Math.round(request.follow.lagMs)),
        })
        .where('id', '=', server)
        .execute();
    return writeDownloads(tx, sessionIds, downloads, rejected);
  });
  return { ...totals, rejected, read };
}
