import { type DB, deleteEventSearchDocs, lockRows, type Tx, writeTransaction } from '@steppingstones/db';
import {
  type EventDto,
  type EventFields,
  type EventPatch,
  eventFieldsSchema,
  eventLimitedSchema,
  eventPatchSchema,
  LIMITED_FIELDS,
  parseIsoTimestamp,
} from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { assertWritable } from '../engagements/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { recordEventRevision } from '../history/revision.service.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import {
  hasEngagementPermission,
  type PermissionCode,
  type Principal,
  principalInEngagement,
  requireEngagementAccess,
  requireEngagementPermission,
} from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { chooseEngagement } from './engagement-choice.ts';
import { restoreEventMasks } from './event.mask-restore.ts';
import { resolveOperator } from './event.operator.ts';
import { loadEventDtos } from './event.queries.ts';
import { type EventValues, eventValuesFromFields, type PreviousState, writeEvent } from './event.write.ts';

export interface WriteOptions {
  /** The version from `If-Match`: a write against an older version is a 409 carrying the current record. */
  ifMatchVersion?: number;
}

type ParsedPatch = z.output<typeof eventPatchSchema>;

const ms = (iso: string) => parseIsoTimestamp(iso) as number;

/**
 * The record a write returns. A caller allowed to write it may see it (even without `event.view`), so
 * a committed write never answers 403; redaction still applies.
 */
/** The event as written, masked or not by the caller's role in its engagement. */
async function written(db: Kysely<DB>, principal: Principal, id: number): Promise<EventDto> {
  const row = await db.selectFrom('event').select('engagement_id').where('id', '=', id).executeTakeFirst();
  const [dto] = row
    ? await loadEventDtos(db, principalInEngagement(principal, Number(row.engagement_id)), [id])
    : [];
  if (!dto) throw new NotFoundError('The event');
  return dto;
}

function selfOperator(principal: Principal): number {
  if (principal.userId > 0) return principal.userId;
  throw ValidationError.field('operator', 'is required when the caller is not a user (CLI, worker)');
}

export async function createEvent(
  ctx: ServiceContext,
  principal: Principal,
  input: EventFields,
): Promise<EventDto> {
  const data = parseOrThrow(eventFieldsSchema, input);
  const id = await writeTransaction(ctx.db, async (tx) => {
    const engagement = await chooseEngagement(tx, principal, data.engagement);
    requireEngagementPermission(principal, engagement.id, 'event.add', 'The engagement');
    assertWritable(engagement);
    const operator = data.operator
      ? await resolveOperator(tx, engagement.id, data.operator)
      : selfOperator(principal);
    return writeEvent(
      inTransaction(ctx, tx),
      principal.userId,
      engagement.id,
      null,
      eventValuesFromFields(data, operator, false),
      {
        tags: data.tags ?? [],
        files: data.files ?? [],
      },
    );
  });
  return written(ctx.db, principal, id);
}

type StoredEvent = Awaited<ReturnType<typeof loadForWrite>>;

/**
 * The live event to change, locked on PostgreSQL, after access, archive and version checks. `need` is
 * the code the caller must hold in the event's engagement (`limited`: `event.change_limited` or
 * `event.change`).
 */
async function loadForWrite(
  tx: Tx,
  principal: Principal,
  id: number,
  options: WriteOptions,
  need: PermissionCode | 'limited',
) {
  const row = await tx
    .selectFrom('event')
    .innerJoin('engagement', 'engagement.id', 'event.engagement_id')
    .selectAll('event')
    .select(['engagement.code as engagement_code', 'engagement.archived'])
    .where('event.id', '=', id)
    .where('event.deleted_at', 'is', null)
    .$call(lockRows(tx, 'event'))
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The event');
  const engagementId = Number(row.engagement_id);
  requireEngagementAccess(principal, engagementId, 'The event');
  if (need !== 'limited') requireEngagementPermission(principal, engagementId, need, 'The event');
  else if (
    !hasEngagementPermission(principal, engagementId, 'event.change_limited') &&
    !hasEngagementPermission(principal, engagementId, 'event.change')
  )
    throw new ForbiddenError('You need the event.change_limited permission in this engagement to do this.');
  if (options.ifMatchVersion !== undefined && options.ifMatchVersion !== Number(row.version)) {
    const [current] = await loadEventDtos(tx, principalInEngagement(principal, engagementId), [id]);
    throw new ConflictError(
      `The event was changed by someone else (it is now at version ${row.version}, you edited version ${options.ifMatchVersion}). Review the current record and apply your change again.`,
      { current },
    );
  }
  assertWritable({ archived: row.archived, code: row.engagement_code });
  return row;
}

function previousOf(row: StoredEvent): PreviousState {
  return {
    id: Number(row.id),
    version: Number(row.version),
    detected: row.detected,
    prevented: row.prevented,
  };
}

function valuesFromRow(row: StoredEvent): EventValues {
  return {
    start_at: Number(row.start_at),
    end_at: row.end_at === null ? null : Number(row.end_at),
    operator_user_id: Number(row.operator_user_id),
    source: { id: Number(row.source_context_id) },
    target: { id: Number(row.target_context_id) },
    tactic_id: row.tactic_id,
    technique_id: row.technique_id,
    subtechnique_id: row.subtechnique_id,
    description: row.description,
    raw_evidence: row.raw_evidence,
    outcome: row.outcome,
    detected: row.detected,
    prevented: row.prevented,
    starred: Boolean(row.starred),
  };
}

function assertSameEngagement(row: StoredEvent, code: string | undefined): void {
  if (code !== undefined && code !== row.engagement_code)
    throw ValidationError.field(
      'engagement',
      'An event can not move to another engagement; clone it there instead.',
    );
}

/** PUT: a full replacement. Without `operator` the operator is kept; without tags / files they are kept. */
export async function replaceEvent(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  input: EventFields,
  options: WriteOptions = {},
): Promise<EventDto> {
  const data = parseOrThrow(eventFieldsSchema, input);
  await writeTransaction(ctx.db, async (tx) => {
    const row = await loadForWrite(tx, principal, id, options, 'event.change');
    assertSameEngagement(row, data.engagement);
    const engagementId = Number(row.engagement_id);
    const operator = data.operator
      ? await resolveOperator(tx, engagementId, data.operator)
      : Number(row.operator_user_id);
    const values = eventValuesFromFields(data, operator, Boolean(row.starred));
    const relations = { tags: data.tags, files: data.files };
    await restoreEventMasks(tx, principal, row, values, relations);
    await writeEvent(
      inTransaction(ctx, tx),
      principal.userId,
      engagementId,
      previousOf(row),
      values,
      relations,
    );
  });
  return written(ctx.db, principal, id);
}

function overlay(values: EventValues, data: ParsedPatch): EventValues {
  const out = { ...values };
  if (data.timestamp !== undefined) out.start_at = ms(data.timestamp);
  if (data.timestamp_end !== undefined) out.end_at = data.timestamp_end ? ms(data.timestamp_end) : null;
  if (data.source !== undefined) out.source = data.source;
  if (data.target !== undefined) out.target = data.target;
  if (data.mitre_attack_tactic !== undefined) out.tactic_id = data.mitre_attack_tactic;
  if (data.mitre_attack_technique !== undefined) out.technique_id = data.mitre_attack_technique;
  if (data.mitre_attack_subtechnique !== undefined) out.subtechnique_id = data.mitre_attack_subtechnique;
  if (data.description !== undefined) out.description = data.description;
  if (data.raw_evidence !== undefined) out.raw_evidence = data.raw_evidence;
  if (data.outcome !== undefined) out.outcome = data.outcome;
  if (data.detected !== undefined) out.detected = data.detected;
  if (data.prevented !== undefined) out.prevented = data.prevented;
  if (data.starred !== undefined) out.starred = data.starred;
  return out;
}

/** PATCH: only the fields sent change; the result is validated as a whole (times, ATT&CK rules). */
export async function patchEvent(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  input: EventPatch,
  options: WriteOptions = {},
): Promise<EventDto> {
  const data = parseOrThrow(eventPatchSchema, input);
  await writeTransaction(ctx.db, async (tx) => {
    const row = await loadForWrite(tx, principal, id, options, 'event.change');
    assertSameEngagement(row, data.engagement);
    const values = overlay(valuesFromRow(row), data);
    if (data.operator)
      values.operator_user_id = await resolveOperator(tx, Number(row.engagement_id), data.operator);
    const relations = { tags: data.tags, files: data.files };
    await restoreEventMasks(tx, principal, row, values, relations);
    await writeEvent(
      inTransaction(ctx, tx),
      principal.userId,
      Number(row.engagement_id),
      previousOf(row),
      values,
      relations,
    );
  });
  return written(ctx.db, principal, id);
}

/**
 * The limited edit (`event.change_limited`, the blue team): only outcome, Detected and Prevented
 * change, whatever else is posted; the other fields are ignored and listed in `ignored`.
 */
export async function limitedUpdateEvent(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  input: Record<string, unknown>,
  options: WriteOptions = {},
): Promise<{ event: EventDto; ignored: string[] }> {
  const data = parseOrThrow(eventLimitedSchema, input);
  const allowed = new Set<string>(LIMITED_FIELDS);
  const ignored = Object.keys(input ?? {}).filter((k) => !allowed.has(k));
  await writeTransaction(ctx.db, async (tx) => {
    const row = await loadForWrite(tx, principal, id, options, 'limited');
    const values = overlay(valuesFromRow(row), {
      outcome: data.outcome,
      detected: data.detected,
      prevented: data.prevented,
    });
    await restoreEventMasks(tx, principal, row, values, {});
    await writeEvent(
      inTransaction(ctx, tx),
      principal.userId,
      Number(row.engagement_id),
      previousOf(row),
      values,
      {},
    );
  });
  return { event: await written(ctx.db, principal, id), ignored };
}

/** Soft delete: the event is 404 from now on for everyone; history (issue 5) can restore it. */
export async function deleteEvent(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  options: WriteOptions = {},
): Promise<void> {
  await writeTransaction(ctx.db, async (tx) => {
    const row = await loadForWrite(tx, principal, id, options, 'event.delete');
    const now = ctx.clock.now();
    await tx
      .updateTable('event')
      .set({
        deleted_at: now,
        updated_at: now,
        updated_by: principal.userId || null,
        version: Number(row.version) + 1,
      })
      .where('id', '=', id)
      .execute();
    await deleteEventSearchDocs(tx, [id]);
    await recordEventRevision(inTransaction(ctx, tx), {
      eventId: id,
      action: 'delete',
      actorUserId: principal.userId || null,
    });
    await appendDomainEvent(inTransaction(ctx, tx), {
      type: 'event.deleted',
      engagementId: Number(row.engagement_id),
      actorUserId: principal.userId || null,
      payload: { eventId: id },
    });
  });
}

/**
 * Stars (one shared flag per event, as the original). A star is a marker, not content: it does not
 * bump the version, so starring never makes a colleague's open edit stale. Without `starred` it toggles.
 */
export async function setEventStar(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  starred?: boolean,
): Promise<EventDto> {
  await writeTransaction(ctx.db, async (tx) => {
    const row = await loadForWrite(tx, principal, id, {}, 'event.change');
    const next = starred ?? !row.starred;
    await tx
      .updateTable('event')
      .set({ starred: next ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    await appendDomainEvent(inTransaction(ctx, tx), {
      type: 'event.updated',
      engagementId: Number(row.engagement_id),
      actorUserId: principal.userId || null,
      payload: { eventId: id },
    });
  });
  return written(ctx.db, principal, id);
}
