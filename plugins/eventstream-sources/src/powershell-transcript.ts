import { eventstreamSource, type SourceResult } from '@steppingstones/plugin-sdk';
import { cut, readText, splitLines } from './read-text.ts';

/** PowerShell writes header blocks between lines of exactly 22 asterisks. */
const RULE = '**********************';
const SESSION = /^(Windows )?PowerShell transcript (start|end)\s*$/i;
const COMMAND_START = /^Command start time:\s*(\d{14})\s*$/i;
const MACHINE = /^Machine:\s*([^\s(]+)/i;
const RUN_AS = /^RunAs User:\s*(.+?)\s*$/i;

/** `20240401170201` (the transcript's local-less stamp, taken as UTC) → ISO-8601 UTC. */
function stampToIso(stamp: string): string | null {
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}+00:00`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== iso.slice(0, 19) ? null : iso;
}

interface Segment {
  /** 1-based number of its first line. */
  line: number;
  lines: string[];
}

/** The text between rule lines; a BOM before the first rule does not hide it (the original's converter needed one). */
function segments(lines: string[]): Segment[] {
  const out: Segment[] = [];
  let current: Segment = { line: 1, lines: [] };
  lines.forEach((text, i) => {
    if (text.trim() === RULE) {
      out.push(current);
      current = { line: i + 2, lines: [] };
    } else current.lines.push(text);
  });
  out.push(current);
  return out;
}

const firstText = (s: Segment) => s.lines.find((l) => l.trim())?.trim() ?? '';

/**
 * A transcript made with `Start-Transcript -IncludeInvocationHeader`: one EventStream line per command
 * block (its start time as UTC, the command and its output as evidence), host and user from the
 * session header; the session's start and end blocks yield no line.
 */
export async function* parseTranscript(text: string): AsyncGenerator<SourceResult> {
  const parts = segments(splitLines(text));
  if (parts.length < 3 || !parts.some((p) => SESSION.test(firstText(p))))
    return yield {
      error: {
        message:
          'not a PowerShell transcript: no "PowerShell transcript start" header between lines of asterisks',
      },
    };
  let host = '';
  let user = '';
  let commands = 0;
  let pending: { ts: string; line: number } | null = null;
  for (const part of parts) {
    const head = firstText(part);
    if (SESSION.test(head)) {
      pending = null;
      for (const l of part.lines) {
        host = MACHINE.exec(l.trim())?.[1] ?? host;
        const runAs = RUN_AS.exec(l.trim())?.[1];
        if (runAs) user = runAs.slice(runAs.lastIndexOf('\\') + 1);
      }
      continue;
    }
    const command = COMMAND_START.exec(head);
    if (command) {
      commands++;
      const ts = stampToIso(command[1]!);
      if (!ts) {
        yield { error: { line: part.line, message: `"${head}" is not a real date and time` } };
        pending = null;
      } else pending = { ts, line: part.line };
      continue;
    }
    // A body: the output of the command whose header came just before (the text after the session
    // header, "Transcript started, output file is …", belongs to no command).
    if (!pending) continue;
    const { ts } = pending;
    const evidence = part.lines.join('\n').replace(/\s+$/, '');
    pending = null;
    if (!evidence.trim()) continue;
    const s: Record<string, string> = {};
    if (host) s.h = cut(host, 100);
    if (user) s.u = cut(user, 100);
    yield { record: { ts, ...(Object.keys(s).length ? { s } : {}), e: evidence } };
  }
  if (commands === 0)
    yield {
      error: {
        message:
          'the transcript has no "Command start time" headers: record it with Start-Transcript -IncludeInvocationHeader',
      },
    };
}

export const powershellTranscript = eventstreamSource({
  key: 'powershell-transcript',
  title: 'PowerShell transcript',
  category: 'Windows',
  icon: 'terminal',
  description:
    'A transcript made with Start-Transcript -IncludeInvocationHeader: one line per command, host and user from its header, times as UTC.',
  accepts: { extensions: ['.txt', '.log'] },
  async *parse(_ctx, input) {
    if (input.kind !== 'stream') {
      yield { error: { message: 'expects one transcript file, not an archive' } };
      return;
    }
    yield* parseTranscript(await readText(input.stream));
  },
});
