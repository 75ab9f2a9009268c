import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { ExchangeEvent } from '../exchange/event-columns.ts';
import { type ExportFilter, exportEventPages } from '../exchange/export-rows.ts';
import type { Principal } from '../permissions/index.ts';
import { eventstreamEngagement } from './eventstream-engagement.ts';

function contextOf(c: { host: string; user: string; process: string }) {
  const out: Record<string, string> = {};
  if (c.host) out.h = c.host;
  if (c.user) out.u = c.user;
  if (c.process) out.p = c.process;
  return Object.keys(out).length ? out : undefined;
}

/**
 * One event as an EventStream record: empty fields left out, `ma.t` the sub-technique when set, and
 * `detected`, `prevented` and `tags` as extra keys (which cloning reads back), so an export imported
 * elsewhere and cloned gives an equal event.
 */
export function eventToRecord(e: ExchangeEvent): Record<string, unknown> {
  const record: Record<string, unknown> = { ts: e.timestamp };
  if (e.timestamp_end) record.te = e.timestamp_end;
  if (e.operator) record.op = e.operator;
  const s = contextOf(e.source);
  const t = contextOf(e.target);
  if (s) record.s = s;
  if (t) record.t = t;
  if (e.description) record.d = e.description;
  if (e.raw_evidence) record.e = e.raw_evidence;
  if (e.outcome) record.o = e.outcome;
  const technique = e.mitre_attack_subtechnique || e.mitre_attack_technique;
  if (e.mitre_attack_tactic || technique)
    record.ma = {
      ...(e.mitre_attack_tactic ? { ta: e.mitre_attack_tactic } : {}),
      ...(technique ? { t: technique } : {}),
    };
  if (e.detected) record.detected = e.detected;
  if (e.prevented) record.prevented = e.prevented;
  if (e.tags.length) record.tags = e.tags;
  return record;
}

/** JSON that stays one line and survives JavaScript-based readers (U+2028 / U+2029 escaped). */
function line(record: unknown): string {
  return JSON.stringify(record)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The events under the grid's filter as EventStream, oldest first, a page at a time: JSON Lines, or
 * one JSON array with `format: 'json'`. Scoping and masking are the event export's own.
 */
export async function* streamEventsAsEventStream(
  db: Kysely<DB>,
  principal: Principal,
  filter: ExportFilter,
  format: 'jsonl' | 'json' = 'jsonl',
): AsyncGenerator<string> {
  // Unknown engagement or not a member: 404, as every EventStream route answers.
  await eventstreamEngagement(db, principal, filter.engagement, 'event.view');
  const pages = exportEventPages(db, principal, filter);
  let first = true;
  if (format === 'json') yield '[';
  for await (const page of pages) {
    const out: string[] = [];
    for (const e of page.events) {
      const text = line(eventToRecord(e));
      out.push(format === 'json' ? `${first ? '' : ','}\n${text}` : `${text}\n`);
      first = false;
    }
    yield out.join('');
  }
  if (format === 'json') yield first ? ']\n' : '\n]\n';
}
