import { eventstreamSource, type SourceResult, z } from '@steppingstones/plugin-sdk';
import { cut, readText, splitLines } from './read-text.ts';

const BASH_STAMP = /^#(\d{9,11})$/;
const ZSH_ENTRY = /^: (\d{9,11}):(\d+);(.*)$/;

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

function record(seconds: number, command: string, shell: string, host: string, user: string, elapsed = 0) {
  const s: Record<string, string> = { p: shell };
  if (host) s.h = cut(host, 100);
  if (user) s.u = cut(user, 100);
  return {
    record: {
      ts: iso(seconds),
      ...(elapsed > 0 ? { te: iso(seconds + elapsed) } : {}),
      s,
      e: command,
    },
  };
}

/** zsh extended history: `: <start>:<elapsed>;<command>`, a command continued by a trailing backslash. */
function* zshEntries(lines: string[], host: string, user: string): Generator<SourceResult> {
  for (let i = 0; i < lines.length; i++) {
    const m = ZSH_ENTRY.exec(lines[i]!);
    if (!m) {
      if (lines[i]!.trim())
        yield {
          error: { line: i + 1, message: 'not a zsh extended history entry (: <time>:<elapsed>;<command>)' },
        };
      continue;
    }
    let command = m[3]!;
    while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1)}\n${lines[++i]}`;
    if (command.trim()) yield record(Number(m[1]), command, 'zsh', host, user, Number(m[2]));
  }
}

/** bash with HISTTIMEFORMAT: `#<epoch>` then the command (several lines for a multi-line command). */
function* bashEntries(lines: string[], host: string, user: string): Generator<SourceResult> {
  let stamp: number | null = null;
  let body: string[] = [];
  const flush = function* (): Generator<SourceResult> {
    const command = body.join('\n');
    if (stamp !== null && command.trim()) yield record(stamp, command, 'bash', host, user);
    body = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const m = BASH_STAMP.exec(lines[i]!);
    if (m) {
      yield* flush();
      stamp = Number(m[1]);
      continue;
    }
    if (stamp === null) {
      if (lines[i]!.trim())
        yield {
          error: {
            line: i + 1,
            message: 'a command without a #<epoch> timestamp line before it (set HISTTIMEFORMAT)',
          },
        };
      continue;
    }
    body.push(lines[i]!);
  }
  yield* flush();
}

/** Shell histories with times: bash (HISTTIMEFORMAT) and zsh (EXTENDED_HISTORY). */
export const bashHistory = eventstreamSource({
  key: 'bash-history',
  title: 'Bash / zsh history',
  category: 'Shell',
  icon: 'terminal',
  description:
    'A ~/.bash_history written with HISTTIMEFORMAT (#1700000000 lines) or a zsh extended history (: 1700000000:0;cmd); one line per command.',
  accepts: { extensions: ['.bash_history', '.zsh_history', '.history', '.txt'] },
  paramsSchema: z.object({
    host: z.string().max(100).default('').describe('The host the history comes from'),
    user: z.string().max(100).default('').describe('The user whose history it is'),
  }),
  async *parse(ctx, input) {
    if (input.kind !== 'stream') {
      yield { error: { message: 'expects one history file, not an archive' } };
      return;
    }
    const lines = splitLines(await readText(input.stream));
    const first = lines.find((l) => l.trim());
    if (first === undefined) return;
    const { host, user } = ctx.params;
    if (ZSH_ENTRY.test(first)) yield* zshEntries(lines, host, user);
    else if (lines.some((l) => BASH_STAMP.test(l))) yield* bashEntries(lines, host, user);
    else
      yield {
        error: {
          message:
            'no timestamps found: expected bash history with #<epoch> lines (HISTTIMEFORMAT set) or zsh extended history (: <epoch>:0;command)',
        },
      };
  },
});
