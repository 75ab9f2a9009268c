import { buildEventSearchDoc } from '@steppingstones/core/events';
import type { Database } from '@steppingstones/db';
import type { EventDatasetSpec, GeneratedEvent } from './events.ts';
import { generateEvents } from './events.ts';
import { loadIntoPostgres } from './load-postgres.ts';
import { loadIntoSqlite } from './load-sqlite.ts';
import type { Estate } from './vocabulary.ts';

export interface LoadTargets {
  engagementIds: number[];
  operatorUserIds: number[];
}

/** One event row ready to insert (ids resolved), with its search document. */
export interface EventRow {
  id: number;
  engagement_id: number;
  start_at: number;
  end_at: number | null;
  operator_user_id: number;
  source_context_id: number;
  target_context_id: number;
  tactic_id: string | null;
  technique_id: string | null;
  subtechnique_id: string | null;
  description: string;
  raw_evidence: string;
  outcome: string;
  detected: string;
  prevented: string;
  starred: number;
  created_at: number;
  tagIds: number[];
  publicText: string;
  secretText: string | null;
}

export interface ContextRow {
  id: number;
  engagement_id: number;
  host: string;
  user: string;
  process: string;
}

export interface TagRow {
  id: number;
  engagement_id: number;
  name: string;
}

/** What a dialect writer receives: contexts and tags up front, then the events in batches. */
export interface Load {
  contexts: ContextRow[];
  tags: TagRow[];
  batches: Iterable<EventRow[]>;
  /** Filled in while the batches are consumed: the newest start of each used context. */
  contextLastUsed: Map<number, number>;
}

export const BATCH = 5000;

/**
 * Loads the generated events straight into the tables (bulk statements in big transactions, indexes
 * built after the load): the services would take an hour for a million events. Search documents come
 * from the core's own `buildEventSearchDoc`, so search and its redaction behave as for real events.
 */
export async function loadEvents(
  database: Database,
  spec: EventDatasetSpec,
  estate: Estate,
  targets: LoadTargets,
  log: (line: string) => void = () => {},
): Promise<{ mainCount: number }> {
  const contexts: ContextRow[] = [];
  const tags: TagRow[] = [];
  let nextId = 1;
  for (const engagementId of targets.engagementIds)
    for (const c of spec.contexts) contexts.push({ id: nextId++, engagement_id: engagementId, ...c });
  nextId = 1;
  for (const engagementId of targets.engagementIds)
    for (const name of spec.tags) tags.push({ id: nextId++, engagement_id: engagementId, name });
  const contextId = (engagement: number, index: number) => engagement * spec.contexts.length + index + 1;
  const tagId = new Map(tags.map((t) => [`${t.engagement_id}\u0000${t.name}`, t.id]));
  const contextLastUsed = new Map<number, number>();
  let mainCount = 0;

  function toRow(e: GeneratedEvent, id: number): EventRow {
    const engagementId = targets.engagementIds[e.engagement]!;
    if (e.engagement === 0) mainCount++;
    const source = contextId(e.engagement, e.source);
    const target = contextId(e.engagement, e.target);
    for (const c of [source, target])
      if ((contextLastUsed.get(c) ?? 0) < e.timestamp) contextLastUsed.set(c, e.timestamp);
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
      engagement_id: engagementId,
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
      tagIds: e.tags.map((t) => tagId.get(`${engagementId}\u0000${t}`)!),
      publicText: doc.publicText,
      secretText: doc.secretText,
    };
  }

  function* batches(): Generator<EventRow[]> {
    let batch: EventRow[] = [];
    let id = 1;
    for (const e of generateEvents(spec, estate)) {
      batch.push(toRow(e, id++));
      if (batch.length === BATCH) {
        if ((id - 1) % 100_000 === 0) log(`${(id - 1).toLocaleString('en-US')} events…`);
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  const load: Load = { contexts, tags, batches: batches(), contextLastUsed };
  if (database.dialect === 'sqlite') loadIntoSqlite(database.sqlite!, load);
  else await loadIntoPostgres(database, load);
  return { mainCount };
}
