import { toIsoUtc } from '@steppingstones/shared';
import type { EventDto, FileDistributionDto } from '@steppingstones/shared/events';
import { toContextDto } from '../contexts/context.mapper.ts';
import type { Redactor } from './event.redaction.ts';

/** One event row with everything joined for its representation (see event.queries.ts). */
export interface EventRow {
  id: number;
  engagement_code: string;
  start_at: number;
  end_at: number | null;
  operator: string | null;
  s_id: number;
  s_host: string;
  s_user: string;
  s_process: string;
  s_rti: number;
  t_id: number;
  t_host: string;
  t_user: string;
  t_process: string;
  t_rti: number;
  tactic_id: string | null;
  technique_id: string | null;
  subtechnique_id: string | null;
  tactic_name: string | null;
  technique_name: string | null;
  subtechnique_name: string | null;
  description: string;
  raw_evidence: string;
  outcome: string;
  detected: string;
  prevented: string;
  starred: number;
  version: number;
  created_by_name: string | null;
  updated_by_name: string | null;
  created_at: number;
  updated_at: number;
}

/** The §3.1 "MITRE Ref." text: the most specific of sub-technique, technique, tactic. */
export function attackLabel(r: EventRow): string | null {
  if (r.subtechnique_id)
    return `${r.subtechnique_id} ${r.technique_name ?? ''} - ${r.subtechnique_name ?? ''}`.trim();
  if (r.technique_id) return `${r.technique_id} ${r.technique_name ?? ''}`.trim();
  if (r.tactic_id) return `${r.tactic_id} ${r.tactic_name ?? ''}`.trim();
  return null;
}

/** The event's own fields; the row loader adds what it reads for the whole page (attachments). */
export function toEventDto(
  r: EventRow,
  tags: string[],
  files: FileDistributionDto[],
  redact: Redactor,
): Omit<EventDto, 'attachment_count' | 'attachments' | 'comment_count'> {
  return {
    id: Number(r.id),
    engagement: r.engagement_code,
    timestamp: toIsoUtc(Number(r.start_at)),
    timestamp_end: r.end_at === null ? null : toIsoUtc(Number(r.end_at)),
    operator: r.operator,
    source: toContextDto(
      { id: r.s_id, host: r.s_host, user: r.s_user, process: r.s_process, red_team_infrastructure: r.s_rti },
      redact,
    ),
    target: toContextDto(
      { id: r.t_id, host: r.t_host, user: r.t_user, process: r.t_process, red_team_infrastructure: r.t_rti },
      redact,
    ),
    mitre_attack_tactic: r.tactic_id,
    mitre_attack_technique: r.technique_id,
    mitre_attack_subtechnique: r.subtechnique_id,
    mitre_attack_label: attackLabel(r),
    description: redact(r.description),
    raw_evidence: redact(r.raw_evidence),
    outcome: redact(r.outcome),
    detected: r.detected,
    prevented: r.prevented,
    starred: Boolean(r.starred),
    tags: tags.map(redact),
    files,
    version: Number(r.version),
    created_by: r.created_by_name,
    created_at: toIsoUtc(Number(r.created_at)),
    updated_by: r.updated_by_name,
    updated_at: toIsoUtc(Number(r.updated_at)),
  };
}
