import type {
  C2ActionRecord,
  C2CheckinRecord,
  C2ParseResult,
  C2SessionRecord,
} from '@steppingstones/plugin-sdk';
import { splitEntries } from './cs-entries.ts';
import { applyMetadata, blankSession } from './cs-metadata.ts';
import type { LogDay } from './cs-text.ts';

interface Building extends C2ActionRecord {
  acceptOutput: boolean;
}

/** Entries that show the beacon calling home: it checked in, sent its metadata, output or an error. */
const CALLED_HOME = new Set(['checkin', 'metadata', 'output', 'output_ps', 'error']);

const SLEEP_TASK = /Tasked beacon to sleep for (\d+)s(?: \((\d+)% jitter\))?/;

function newAction(session: string, at: number, operator: string, input: string): Building {
  return {
    type: 'action',
    sessionExternalId: session,
    start: at,
    ordinal: 0,
    operator,
    input,
    task: '',
    attackIds: [],
    output: '',
    errors: '',
    indicators: [],
    // Sleep and note take no output: fast follow-on output belongs to the command before them.
    acceptOutput: !/^(sleep|note)(\s|$)/i.test(input),
  };
}

function append(text: string, more: string): string {
  return text === '' ? more : `${text}\n${more}`;
}

/**
 * One `beacon_<bid>.log` / `ssh_<bid>.log`: the session from its metadata, and its entries grouped
 * into operator actions (an input opens one; task, indicator, output and error entries join the
 * latest, output only one that accepts output). Check-ins and sleep tasks move the session's last
 * seen time and sleep. Every moment the beacon called home is also a check-in record (once per
 * second), with the sleep in effect then as far as this file shows, for the presence intervals.
 */
export function parseBeaconLog(
  file: string,
  externalId: string,
  kind: 'beacon' | 'ssh',
  day: LogDay,
  text: string,
): C2ParseResult {
  const { entries, bad } = splitEntries(text, day);
  const rejected = bad.map((b) => ({ entry: `${file}:${b.line}`, reason: b.reason }));
  if (entries.length === 0) {
    rejected.push({
      entry: file,
      reason: text.trim() === '' ? 'the log is empty' : 'no dated log entry found',
    });
    return { records: [], rejected };
  }
  const session: C2SessionRecord = blankSession(externalId, kind, (entries[0] as { at: number }).at);
  const actions: Building[] = [];
  let latest: Building | null = null;
  let accepting: Building | null = null;
  const orphan = (at: number): Building => {
    const a = newAction(externalId, at, '', '');
    actions.push(a);
    latest = a;
    accepting = a;
    return a;
  };
  const checkins = new Map<number, C2CheckinRecord['sleep']>();
  for (const e of entries) {
    session.firstSeen = Math.min(session.firstSeen, e.at);
    session.lastSeen = Math.max(session.lastSeen, e.at);
    const body = e.body.replace(/^received output:\n?/, '');
    switch (e.type) {
      case 'metadata':
        applyMetadata(session, e.body);
        break;
      case 'input': {
        const m = /^<([^>]*)>\s?([\s\S]*)$/.exec(body);
        const a = newAction(externalId, e.at, m ? (m[1] as string) : '', m ? (m[2] as string) : body);
        actions.push(a);
        latest = a;
        if (a.acceptOutput) accepting = a;
        break;
      }
      case 'task': {
        const m = /^<([^>]*)>\s?([\s\S]*)$/.exec(body);
        const text = m ? (m[2] as string) : body;
        const sleep = SLEEP_TASK.exec(text);
        if (sleep)
          session.sleep = { seconds: Number(sleep[1]), jitterPercent: Number(sleep[2] ?? 0), at: e.at };
        else if (text.includes('Tasked beacon to become interactive'))
          session.sleep = { seconds: 0, jitterPercent: 0, at: e.at };
        let a: Building | null = latest;
        if (!a || (sleep && e.at - a.start > 1000)) a = orphan(e.at);
        a.task = a.task === '' ? text : `${a.task}, ${text}`;
        for (const id of m ? (m[1] as string).split(',') : []) {
          const t = id.trim();
          if (t && !a.attackIds.includes(t)) a.attackIds.push(t);
        }
        break;
      }
      case 'output':
      case 'output_ps': {
        const a: Building = accepting ?? orphan(e.at);
        a.output = append(a.output, body);
        break;
      }
      case 'error': {
        const a: Building = accepting ?? orphan(e.at);
        a.errors = append(a.errors, body);
        break;
      }
      case 'indicator': {
        const a: Building = latest ?? orphan(e.at);
        a.indicators.push(body);
        break;
      }
      // checkin, note and the rest only move the session's last seen time.
    }
    // A sleep tasked in the same second as a check-in is the one the beacon takes home from it.
    if (CALLED_HOME.has(e.type) || checkins.has(e.at))
      checkins.set(
        e.at,
        session.sleep && { seconds: session.sleep.seconds, jitterPercent: session.sleep.jitterPercent },
      );
  }
  const seen = new Map<string, number>();
  const records: C2ParseResult['records'] = [session];
  for (const a of actions) {
    const key = `${a.start}\u0000${a.input}`;
    a.ordinal = seen.get(key) ?? 0;
    seen.set(key, a.ordinal + 1);
    const { acceptOutput: _unused, ...record } = a;
    records.push(record);
  }
  for (const [at, sleep] of checkins)
    records.push({ type: 'checkin', sessionExternalId: externalId, at, sleep });
  return { records, rejected };
}
