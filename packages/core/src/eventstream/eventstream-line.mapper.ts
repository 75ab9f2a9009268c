import type { EventStreamLineDto } from '@steppingstones/shared/eventstream';
import type { Redactor } from '../events/event.redaction.ts';

export interface LineRow {
  id: number;
  start_at: number;
  end_at: number | null;
  operator: string;
  source_host: string;
  source_user: string;
  source_process: string;
  target_host: string;
  target_user: string;
  target_process: string;
  description: string;
  raw_evidence: string | null;
  outcome: string | null;
  tactic_id: string | null;
  technique_id: string | null;
  tactic_name: string | null;
  technique_name: string | null;
  additional_data: string | null;
  live_event_id: number | null;
  imported_by_name: string;
  created_at: number;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

/** Masks every string inside additional data (masking the JSON text could cut a closing quote). */
function redactValue(value: unknown, redact: Redactor): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, redact)]));
  return value;
}

export function toLineDto(row: LineRow, redact: Redactor): EventStreamLineDto {
  let extra: Record<string, unknown> | null = null;
  if (row.additional_data) {
    try {
      extra = redactValue(JSON.parse(row.additional_data), redact) as Record<string, unknown>;
    } catch {
      extra = { value: redact(row.additional_data) };
    }
  }
  return {
    id: Number(row.id),
    timestamp: iso(row.start_at),
    timestamp_end: row.end_at === null ? null : iso(row.end_at),
    operator: row.operator,
    source: { host: row.source_host, user: row.source_user, process: row.source_process },
    target: { host: row.target_host, user: row.target_user, process: row.target_process },
    description: redact(row.description),
    raw_evidence: row.raw_evidence === null ? null : redact(row.raw_evidence),
    outcome: row.outcome === null ? null : redact(row.outcome),
    tactic: row.tactic_id ? { id: row.tactic_id, name: row.tactic_name } : null,
    technique: row.technique_id ? { id: row.technique_id, name: row.technique_name } : null,
    additional_data: extra,
    event_id: row.live_event_id === null ? null : Number(row.live_event_id),
    imported_by: row.imported_by_name,
    imported_at: iso(row.created_at),
  };
}
