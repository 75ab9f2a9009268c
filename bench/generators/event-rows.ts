import { buildEventSearchDoc } from '@steppingstones/core/events';
import {
  type DialectName,
  type EventTable,
  normaliseSearchText,
  POSTGRES_MAX_INDEXED_CHARS,
} from '@steppingstones/db';
import type { Selectable } from 'kysely';
import { type EventDatasetSpec, type GeneratedEvent, generateEvents } from './events.ts';
import type { Estate } from './vocabulary.ts';

export interface LoadTargets {
  engagementIds: number[];
  operatorUserIds: number[];
}

/** The event columns a generated row fills (the rest take their defaults or are left null). */
type GeneratedColumns =
  | 'engagement_id'
  | 'start_at'
  | 'end_at'
  | 'operator_user_id'
  | 'source_context_id'
  | 'target_context_id'
  | 'tactic_id'
  | 'technique_id'
  | 'subtechnique_id'
  | 'description'
  | 'raw_evidence'
  | 'outcome'
  | 'detected'
  | 'prevented'
  | 'starred'
  | 'created_at';

/** One event row ready to insert (ids resolved), with its search texts already in the dialect's form. */
export type EventRow = Pick<Selectable<EventTable>, 'id' | GeneratedColumns> & {
  tagIds: number[];
  /** Normalised public search text (truncated to what PostgreSQL indexes there). */
  searchPublic: string;
  /** Normalised secret search text: '' on SQLite and null on PostgreSQL when there is none. */
  searchSecret: string | null;
};

export const BATCH = 5000;

/** Context and tag ids as the loaders number them: per engagement, in the spec's order. */
export function contextIdOf(spec: EventDatasetSpec, engagement: number, index: number): number {
  return engagement * spec.contexts.length + index + 1;
}

export function tagIdOf(spec: EventDatasetSpec, engagement: number, name: string): number {
  return engagement * spec.tags.length + spec.tags.indexOf(name) + 1;
}

export interface RowsSummary {
  mainCount: number;
  /** The newest start of each used context. */
  contextLastUsed: Array<[number, number]>;
}

/**
 * The dataset's events as insert-ready batches, search documents built by the core's own
 * `buildEventSearchDoc` (so search and its redaction behave as for real events). The CPU-heavy part of
 * a build: it runs in a worker thread while the main thread writes (event-rows.worker.ts).
 */
export function* eventRowBatches(
  spec: EventDatasetSpec,
  estate: Estate,
  targets: LoadTargets,
  dialect: DialectName,
  summary: RowsSummary,
): Generator<EventRow[]> {
  const tagIndex = new Map(spec.tags.map((t, i) => [t, i]));
  const lastUsed = new Map<number, number>();
  const searchText = (text: string) =>
    dialect === 'sqlite'
      ? normaliseSearchText(text)
      : normaliseSearchText(text).slice(0, POSTGRES_MAX_INDEXED_CHARS);

  function toRow(e: GeneratedEvent, id: number): EventRow {
    if (e.engagement === 0) summary.mainCount++;
    const source = contextIdOf(spec, e.engagement, e.source);
    const target = contextIdOf(spec, e.engagement, e.target);
    for (const c of [source, target]) if ((lastUsed.get(c) ?? 0) < e.timestamp) lastUsed.set(c, e.timestamp);
    const doc = buildEventSearchDoc({
      id,
      description: e.description,
      outcome: e.outcome,
      raw_evidence: e.rawEvidence,
      source: spec.contexts[e.source]!,
      target: spec.contexts[e.target]!,
      tags: e.tags,
    });
    return {
      id,
      engagement_id: targets.engagementIds[e.engagement]!,
      start_at: e.timestamp,
      end_at: e.timestampEnd,
      operator_user_id: targets.operatorUserIds[e.operator]!,
      source_context_id: source,
      target_context_id: target,
      tactic_id: e.tactic,
      technique_id: e.technique,
      subtechnique_id: e.subtechnique,
      description: e.description,
      raw_evidence: e.rawEvidence,
      outcome: e.outcome,
      detected: e.detected,
      prevented: e.prevented,
      starred: e.starred ? 1 : 0,
      created_at: e.timestamp + 30_000,
      tagIds: e.tags.map((t) => e.engagement * spec.tags.length + tagIndex.get(t)! + 1),
      searchPublic: searchText(doc.publicText),
      searchSecret: doc.secretText === null ? (dialect === 'sqlite' ? '' : null) : searchText(doc.secretText),
    };
  }

  let batch: EventRow[] = [];
  let id = 1;
  for (const e of generateEvents(spec, estate)) {
    batch.push(toRow(e, id++));
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
  summary.contextLastUsed = [...lastUsed];
}
