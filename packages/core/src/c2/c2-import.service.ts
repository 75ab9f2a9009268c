import { type DB, nowMs, writeTransaction } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { assertWritable } from '../engagements/index.ts';
import { ValidationError } from '../errors.ts';
import { hasEngagementPermission, type Principal } from '../permissions/index.ts';
import type { ArchiveLimits } from './archive/archive-limits.ts';
import { readArchive } from './archive/read-archive.ts';
import { writeActions, writeDownloads } from './c2-actions.write.ts';
import { sessionContexts } from './c2-contexts.write.ts';
import { c2Engagement } from './c2-engagement.ts';
import { writeActionCredentials, writeIndicatorFiles } from './c2-findings.write.ts';
import { mergeRecords } from './c2-merge.ts';
import type { C2Record, C2Rejection } from './c2-records.ts';
import { knownSessionIds, serverId, writeSessions } from './c2-sessions.write.ts';
import { COBALT_STRIKE_LOGS, isCobaltStrikeLog, parseCobaltStrikeFile } from './cobalt-strike/index.ts';

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
  adapter: string | undefined;
  /** The server the records belong to; defaults to the archive's name. */
  server?: string | undefined;
  filename: string;
  data: Buffer;
  /** Recorded as the importer; defaults to the principal's username (`cli` for the command line). */
  actorName?: string;
  limits?: ArchiveLimits;
}

export const C2_ADAPTERS = [COBALT_STRIKE_LOGS] as const;

/** Whether an import read nothing at all (the CLI's exit 2): every file rejected, none parsed. */
export function nothingImported(result: C2ImportResult & { read?: number }): boolean {
  return result.read === 0 && result.rejected.length > 0;
}

/**
 * Imports a C2 log archive (or one log) into an engagement in one transaction: sessions, operator
 * actions, downloads, the files of `file:` indicators and the credentials found in new output. Each
 * record is idempotent on its natural key, so importing again adds nothing. Unreadable files and
 * entries are reported in `rejected`; the rest imports.
 */
export async function importC2Logs(
  db: Kysely<DB>,
  principal: Principal,
  request: C2ImportRequest,
): Promise<C2ImportResult & { read: number }> {
  const engagement = await c2Engagement(db, principal, request.engagement, 'c2.add');
  if (request.adapter !== COBALT_STRIKE_LOGS)
    throw ValidationError.field('adapter', `must be one of ${C2_ADAPTERS.join(', ')}`);
  assertWritable(engagement);
  const serverName = (request.server ?? '').trim() || request.filename;
  if (serverName.length > 200) throw ValidationError.field('server', 'must be at most 200 characters');
  const records: C2Record[] = [];
  const rejected: C2Rejection[] = [];
  let read = 0;
  const decoder = new TextDecoder('utf-8');
  rejected.push(
    ...(await readArchive(
      { name: request.filename, data: request.data, wanted: isCobaltStrikeLog, limits: request.limits },
      (path, data) => {
        const parsed = parseCobaltStrikeFile(path, decoder.decode(data));
        if (parsed.records.length > 0) read++;
        records.push(...parsed.records);
        rejected.push(...parsed.rejected);
      },
    )),
  );
  const merged = mergeRecords(records);
  const mayAddCredentials = hasEngagementPermission(principal, engagement.id, 'credential.add');
  const actor = { userId: principal.userId || null, username: request.actorName ?? principal.username };
  const now = nowMs();
  const counts = await writeTransaction(db, async (tx) => {
    const server = await serverId(tx, engagement.id, serverName, 'cobalt-strike', now);
    const sessions = await writeSessions(tx, server, merged.sessions);
    await sessionContexts(tx, engagement.id, sessions.added);
    await knownSessionIds(
      tx,
      server,
      merged.downloads.map((d) => d.sessionExternalId),
      sessions.ids,
    );
    const actions = await writeActions(tx, sessions.ids, merged.actions);
    const downloads = await writeDownloads(tx, sessions.ids, merged.downloads, rejected);
    const files = await writeIndicatorFiles(tx, engagement.id, actions, now);
    const hosts = new Map(
      [...merged.sessions.values()].map((s) => [sessions.ids.get(s.externalId) as number, s.host]),
    );
    const credentials = mayAddCredentials
      ? await writeActionCredentials(tx, engagement.id, actions, hosts, actor)
      : 0;
    return { sessions: sessions.added.length, actions: actions.length, downloads, files, credentials };
  });
  return { ...counts, rejected, read };
}
