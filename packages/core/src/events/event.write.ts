import { type ContextInput, type eventFieldsSchema, parseIsoTimestamp } from '@steppingstones/shared/events';
import type { z } from 'zod';
import { validateAttackSelection } from '../attack/attack-selection.validation.ts';
import { getOrCreateContext } from '../contexts/context.service.ts';
import { ValidationError } from '../errors.ts';
import { type FileInputParsed, setEventFiles } from '../files/file.service.ts';
import { type RevisionAction, recordEventRevision } from '../history/revision.service.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import { type ServiceContext, transactionOf } from '../service-context.ts';
import { setEventTags } from '../tags/tag.service.ts';
import { reindexEvents } from './event.search-doc.ts';

type ContextRef = { id: number } | { host: string; user: string; process: string };

/** An event's own columns after parsing and defaulting, before contexts are resolved. */
export interface EventValues {
  start_at: number;
  end_at: number | null;
  operator_user_id: number;
  source: ContextRef;
  target: ContextRef;
  tactic_id: string | null;
  technique_id: string | null;
  subtechnique_id: string | null;
  description: string;
  raw_evidence: string;
  outcome: string;
  detected: string;
  prevented: string;
  starred: boolean;
}

/** An event's fields as parsed from a full form or PUT body. */
export type ParsedEventFields = z.output<typeof eventFieldsSchema>;

const ms = (iso: string) => parseIsoTimestamp(iso) as number;

/** PUT semantics: every event field from the body, optional ones back to their defaults. */
export function eventValuesFromFields(
  data: ParsedEventFields,
  operator: number,
  starred: boolean,
): EventValues {
  return {
    start_at: ms(data.timestamp),
    end_at: data.timestamp_end ? ms(data.timestamp_end) : null,
    operator_user_id: operator,
    source: data.source,
    target: data.target,
    tactic_id: data.mitre_attack_tactic ?? null,
    technique_id: data.mitre_attack_technique ?? null,
    subtechnique_id: data.mitre_attack_subtechnique ?? null,
    description: data.description,
    raw_evidence: data.raw_evidence ?? '',
    outcome: data.outcome ?? '',
    detected: data.detected ?? 'UNK',
    prevented: data.prevented ?? 'NEG',
    starred: data.starred ?? starred,
  };
}

export interface PreviousState {
  id: number;
  version: number;
  detected: string;
  prevented: string;
}

export const END_BEFORE_START = 'Timestamp End can not be before Timestamp';

async function contextId(
  ctx: ServiceContext,
  engagementId: number,
  ref: ContextRef | ContextInput,
): Promise<number> {
  if ('id' in ref && typeof ref.id === 'number') return ref.id;
  const c = ref as { host: string; user: string; process: string };
  return getOrCreateContext(ctx, engagementId, { host: c.host, user: c.user, process: c.process });
}

/**
 * Writes an event (insert when `previous` is null, else update with version + 1) with its tags and
 * files, refreshes its search document and appends the domain events, all in the caller's
 * transaction (the context on it: `inTransaction`). History hooks in here: one place sees every
 * before/after pair.
 */
export async function writeEvent(
  ctx: ServiceContext,
  actorUserId: number,
  engagementId: number,
  previous: PreviousState | null,
  values: EventValues,
  relations: { tags?: string[]; files?: FileInputParsed[]; historyAction?: RevisionAction },
): Promise<number> {
  if (values.end_at !== null && values.end_at < values.start_at)
    throw ValidationError.field('timestamp_end', END_BEFORE_START);
  const { clock } = ctx;
  const tx = transactionOf(ctx);
  const attack = await validateAttackSelection(tx, {
    tactic_id: values.tactic_id,
    technique_id: values.technique_id,
    subtechnique_id: values.subtechnique_id,
  });
  const now = clock.now();
  const actor = actorUserId > 0 ? actorUserId : null;
  const row = {
    start_at: values.start_at,
    end_at: values.end_at,
    operator_user_id: values.operator_user_id,
    source_context_id: await contextId(ctx, engagementId, values.source),
    target_context_id: await contextId(ctx, engagementId, values.target),
    ...attack,
    description: values.description,
    raw_evidence: values.raw_evidence,
    outcome: values.outcome,
    detected: values.detected,
    prevented: values.prevented,
    starred: values.starred ? 1 : 0,
    updated_by: actor,
    updated_at: now,
  };
  let id: number;
  if (previous) {
    id = previous.id;
    await tx
      .updateTable('event')
      .set({ ...row, version: previous.version + 1 })
      .where('id', '=', id)
      .execute();
  } else {
    const inserted = await tx
      .insertInto('event')
      .values({ ...row, engagement_id: engagementId, version: 1, created_by: actor, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = Number(inserted.id);
  }
  if (relations.tags) await setEventTags(ctx, engagementId, id, relations.tags);
  if (relations.files) await setEventFiles(ctx, engagementId, id, relations.files, actor);
  await reindexEvents(tx, [id]);
  await recordEventRevision(ctx, {
    eventId: id,
    action: relations.historyAction ?? (previous ? 'update' : 'create'),
    actorUserId: actor,
  });
  await appendEventDomainEvents(ctx, engagementId, actor, id, previous, values);
  return id;
}

export async function appendEventDomainEvents(
  ctx: ServiceContext,
  engagementId: number,
  actorUserId: number | null,
  eventId: number,
  previous: PreviousState | null,
  values: { detected: string; prevented: string },
): Promise<void> {
  await appendDomainEvent(ctx, {
    type: previous ? 'event.updated' : 'event.created',
    engagementId,
    actorUserId,
    payload: { eventId },
  });
  const detectionChanged = previous
    ? previous.detected !== values.detected || previous.prevented !== values.prevented
    : false;
  if (detectionChanged)
    await appendDomainEvent(ctx, {
      type: 'event.detection_changed',
      engagementId,
      actorUserId,
      payload: { eventId },
    });
}
