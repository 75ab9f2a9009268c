import { eventstreamSource, type SourceResult } from '@steppingstones/plugin-sdk';
import { bofCommandLine, decodeBofArgs } from './bof-args.ts';
import { cut, readText, splitLines } from './read-text.ts';
import { trimOutput } from './trim-output.ts';

/** `2026-07-10 14:42:49 UTC {json}` */
const LOG_LINE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC (\{.*\})\s*$/;
const COMPLETED = 500;
const FORMAT_WORD = /^[iszZb]+$/;

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

const PRIVILEGE: Record<string, string> = { 100: 'Low', 200: 'Medium', 300: 'High' };
const ARCH: Record<string, string> = { 32: 'x86', 64: 'x64', 100: 'x86', 200: 'x64' };

function sourceOf(implant: Json): Record<string, string> | undefined {
  const s: Record<string, string> = {};
  if (str(implant.hostname)) s.h = cut(str(implant.hostname), 100);
  if (str(implant.username)) s.u = cut(str(implant.username), 100);
  const proc = str(implant.proc_name);
  if (proc) s.p = cut(str(implant.pid) ? `${proc} (PID: ${str(implant.pid)})` : proc, 100);
  return Object.keys(s).length ? s : undefined;
}

function checkIn(ts: string, implant: Json) {
  const privilege = PRIVILEGE[str(implant.privilege)] ?? str(implant.privilege);
  const arch = ARCH[str(implant.arch)] ?? str(implant.arch);
  const d =
    `Outflank C2 implant ${str(implant.uid) || '?'} checked in. OS: ${str(implant.os)}, Arch: ${arch}, ` +
    `Privilege: ${privilege}, Process: ${str(implant.proc_name)} (PID: ${str(implant.pid)}, PPID: ${str(implant.ppid)}), ` +
    `Recipe: ${str(implant.recipe)}, Version: ${str(implant.version)}`;
  const s = sourceOf(implant);
  return { ts, d: cut(d, 1000), ...(s ? { s } : {}) };
}

/** The command as the operator typed it; an `exec_bof` argument blob decoded. */
export function commandLine(task: Json): string {
  const name = str(task.out_name) || str(task.name);
  const args = str(task.out_arguments) || str(task.arguments);
  if ((name === 'exec_bof' || name === 'exec_bof_async') && args) {
    const words = args.trim().split(/\s+/);
    const blob = words[words.length - 1]!;
    const format = words.length > 1 && FORMAT_WORD.test(words[0]!) ? words[0] : undefined;
    return bofCommandLine(name, decodeBofArgs(blob, format));
  }
  return args ? `${name} ${args}` : name;
}

/** OC2 task times carry microseconds and no offset: seconds, as UTC. */
const taskTime = (v: unknown) => (str(v) ? `${str(v).slice(0, 19)}` : '');

function taskEntry(ts: string, implant: Json, task: Json, response?: { te: string; text: string }) {
  const command = commandLine(task);
  const e = trimOutput(response?.text ? `> ${command}\n${response.text}` : `> ${command}`);
  const s = sourceOf(implant);
  const op = str(task.operator);
  return {
    ts,
    ...(response ? { te: response.te } : {}),
    ...(op ? { op: cut(op, 256) } : {}),
    ...(s ? { s } : {}),
    e,
  };
}

/**
 * Outflank C2 implant logs: a check-in line per new implant, one line per completed task (the request's
 * time, the response's time as the end, the command and its output as evidence), tasks never
 * answered kept with the command alone; failed or cancelled tasks dropped. Sorted by time.
 */
export async function* parseOutflankLog(text: string): AsyncGenerator<SourceResult> {
  const entries: Array<{ ts: string; record: Json }> = [];
  const pending = new Map<string, { ts: string; implant: Json; task: Json }>();
  let understood = 0;
  for (const [i, raw] of splitLines(text).entries()) {
    if (!raw.trim()) continue;
    const m = LOG_LINE.exec(raw.trim());
    let event: Json | null = null;
    if (m) {
      try {
        event = obj(JSON.parse(m[3]!));
      } catch {
        event = null;
      }
    }
    if (!m || !event) {
      yield {
        error: { line: i + 1, message: 'not an Outflank C2 log line (YYYY-MM-DD HH:MM:SS UTC {json})' },
      };
      continue;
    }
    understood++;
    const ts = `${m[1]}T${m[2]}`;
    const implant = obj(event.implant);
    const task = obj(event.task);
    const uid = str(task.uid);
    if (event.event_type === 'new_implant') entries.push({ ts, record: checkIn(ts, implant) });
    else if (event.event_type === 'task_request' && uid) pending.set(uid, { ts, implant, task });
    else if (event.event_type === 'task_response' && uid) {
      const request = pending.get(uid);
      pending.delete(uid);
      if (task.state !== COMPLETED) continue;
      const start = request?.ts ?? (taskTime(task.timestamp) || ts);
      const te = taskTime(task.response_timestamp) || ts;
      entries.push({ ts: start, record: taskEntry(start, implant, task, { te, text: str(task.response) }) });
    }
  }
  for (const { ts, implant, task } of pending.values())
    entries.push({ ts, record: taskEntry(ts, implant, task) });
  if (understood === 0 && entries.length === 0) return;
  entries.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  for (const { record } of entries) yield { record };
}

export const outflankC2 = eventstreamSource({
  key: 'outflank-c2',
  title: 'Outflank C2 implant log',
  category: 'C2',
  icon: 'satellite-dish',
  description:
    'An Outflank C2 per-implant JSON log: check-ins, commands with their output (BOF arguments decoded), unanswered tasks.',
  accepts: { extensions: ['.json', '.log'] },
  async *parse(_ctx, input) {
    if (input.kind !== 'stream') {
      yield { error: { message: 'expects one implant log file, not an archive' } };
      return;
    }
    yield* parseOutflankLog(await readText(input.stream));
  },
});
