import type { DatasetInfo } from '../generators/dataset-info.ts';
import { datasetSpec, type GeneratedEvent, generateEvents } from '../generators/events.ts';

/** Realistic create bodies for the API: events of another seed than the dataset's, shaped the same way. */
export function eventBodies(dataset: DatasetInfo, count: number, seedOffset = 1) {
  const { spec, estate } = datasetSpec(dataset.seed + seedOffset, count);
  const events: GeneratedEvent[] = [...generateEvents(spec, estate)];
  const bodies = events.map((e) => ({
    engagement: dataset.engagementCode,
    timestamp: new Date(e.timestamp).toISOString(),
    timestamp_end: e.timestampEnd === null ? null : new Date(e.timestampEnd).toISOString(),
    source: spec.contexts[e.source]!,
    target: spec.contexts[e.target]!,
    mitre_attack_tactic: e.tactic,
    mitre_attack_technique: e.technique,
    mitre_attack_subtechnique: e.subtechnique,
    description: e.description,
    raw_evidence: e.rawEvidence,
    outcome: e.outcome,
    detected: e.detected,
    prevented: e.prevented,
    tags: e.tags,
  }));
  return { events, bodies };
}
