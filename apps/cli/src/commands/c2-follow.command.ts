import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ValidationError } from '@steppingstones/core';
import {
  C2Follower,
  type FollowSink,
  type FollowTarget,
  findC2Source,
  httpFollowSink,
  localFollowSink,
} from '@steppingstones/core/c2';
import { loadPluginRegistry } from '@steppingstones/core/plugins';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';
import { CLI_USER, importCaller } from './import-caller.ts';

/** What the follower needs of a C2 source. */
interface C2SourcePoint {
  wants(path: string): boolean;
  followSplit?(path: string, text: string): number;
}

interface Options {
  engagement: string;
  server: string;
  adapter: string;
  url?: string;
  tokenFile?: string;
  state?: string;
  interval: string;
  once?: boolean;
  as?: string;
}

/** The API token: from --token-file or STEPPINGSTONES_TOKEN, never from the command line (`ps` shows it). */
function readToken(opts: Options): string {
  const token = opts.tokenFile
    ? fs.readFileSync(opts.tokenFile, 'utf8').trim()
    : (process.env.STEPPINGSTONES_TOKEN ?? '').trim();
  if (!token)
    throw ValidationError.field(
      '--token-file',
      'with --url, give the API token in a file (--token-file) or in STEPPINGSTONES_TOKEN',
    );
  return token;
}

/** The C2 source by key from the installed plugins (no database needed when sending to --url). */
async function sourceByKey(key: string): Promise<C2SourcePoint> {
  const registry = await loadPluginRegistry();
  const found = registry.points('c2-source').find((p) => p.point.key === key.split(':').pop());
  if (!found) throw ValidationError.field('--adapter', `no installed C2 source is called "${key}"`);
  return found.point as unknown as C2SourcePoint;
}

async function run(logsDir: string, opts: Options, source: C2SourcePoint, sink: FollowSink): Promise<number> {
  const interval = Math.max(1, Number(opts.interval) || 5) * 1000;
  const follower = new C2Follower({
    root: logsDir,
    stateFile:
      opts.state ?? path.join(logsDir, `.steppingstones-follow-${opts.server.replace(/[^\w.-]/g, '_')}.json`),
    wants: source.wants,
    followSplit: source.followSplit,
    sink,
    now: Date.now,
  });
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  process.stderr.write(
    `following ${logsDir} into ${opts.engagement} / ${opts.server} (webhooks for sessions first seen since ${new Date(follower.startedAt).toISOString()})\n`,
  );
  while (!stop.signal.aborted) {
    try {
      const { files, result } = await follower.poll();
      if (result)
        process.stderr.write(
          `${files} file(s): ${result.sessions} session(s), ${result.actions} action(s), ${result.downloads} download(s), ${result.credentials} credential(s) added; ${result.rejected.length} rejected\n`,
        );
      for (const r of result?.rejected ?? []) process.stderr.write(`${r.entry}: rejected, ${r.reason}\n`);
    } catch (error) {
      // A failed batch is retried at the next poll (its offsets were not saved): nothing is lost.
      if (opts.once) throw error;
      process.stderr.write(`batch failed, retrying: ${(error as Error).message}\n`);
    }
    if (opts.once) break;
    await sleep(interval, undefined, { signal: stop.signal }).catch(() => undefined);
  }
  return 0;
}

/** `steppingstones c2 follow LOGS_DIR`: follows a team server's logs/ as Cobalt Strike writes them. */
export function c2FollowCommand(c2: Command): void {
  c2.command('follow')
    .description(
      "Follow a C2 server's logs/ folder as it grows (new days, new sessions) and send what is complete in small batches, to this hub's database or to --url; keeps its offsets in a state file, so a restart loses and repeats nothing. Sends the new / respawned / returned beacon webhooks for sessions first seen after it first started.",
    )
    .argument('<LOGS_DIR>', "the team server's logs/ folder")
    .requiredOption('--engagement <CODE>', 'the engagement to add the activity to')
    .requiredOption('--server <NAME>', "the C2 server's name")
    .option('--adapter <NAME>', 'the log format', 'cobalt-strike-logs')
    .option('--url <URL>', 'send to this hub through its API instead of the local database')
    .option('--token-file <FILE>', 'a file holding the API token for --url (or set STEPPINGSTONES_TOKEN)')
    .option('--state <FILE>', 'where the offsets are kept (default: a dot file in LOGS_DIR)')
    .option('--interval <SECONDS>', 'seconds between polls', '5')
    .option('--once', 'poll once and exit (for cron or tests)')
    .option('--as <USERNAME>', 'import as this user instead of the system user (local database only)')
    .action((logsDir: string, opts: Options) =>
      runCommand(async () => {
        if (!fs.existsSync(logsDir) || !fs.statSync(logsDir).isDirectory())
          throw ValidationError.field('LOGS_DIR', `${logsDir} is not a folder`);
        const target: FollowTarget = {
          engagement: opts.engagement,
          server: opts.server,
          adapter: opts.adapter,
        };
        if (opts.url) {
          const sink = httpFollowSink(opts.url, readToken(opts), target);
          return run(logsDir, opts, await sourceByKey(opts.adapter), sink);
        }
        return withContext(async (ctx) => {
          const principal = await importCaller(ctx, opts.as);
          const source = await findC2Source(ctx, principal, opts.adapter);
          const sink = localFollowSink(ctx, principal, target, opts.as ? undefined : CLI_USER);
          return run(logsDir, opts, source.point as unknown as C2SourcePoint, sink);
        });
      }),
    );
}
