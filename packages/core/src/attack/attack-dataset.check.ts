import { ValidationError } from '../errors.ts';
import type { AttackDataset } from './attack.dataset.ts';

/**
 * Cross-reference checks on a parsed release, before anything is written: every tactic, parent,
 * mitigation and detection strategy a technique points at must be in the release (or, for a
 * sub-technique's parent, already in the database).
 */
export function checkAttackDataset(
  data: AttackDataset,
  knownTechniqueIds: ReadonlySet<string> = new Set(),
): void {
  const problems: Array<{ field: string; message: string }> = [];
  const tactics = new Set(data.tactics.map((t) => t.id));
  const techniques = new Set(data.techniques.map((t) => t.id));
  const mitigations = new Set(data.mitigations.map((m) => m.id));
  const strategies = new Set(data.detectionStrategies.map((s) => s.id));
  if (!data.tactics.length) problems.push({ field: 'tactics', message: 'The release contains no tactics.' });
  if (!data.techniques.length)
    problems.push({ field: 'techniques', message: 'The release contains no techniques.' });
  duplicates(
    data.tactics.map((t) => t.id),
    'tactics',
    problems,
  );
  duplicates(
    data.tactics.map((t) => t.shortname),
    'tactics (shortname)',
    problems,
  );
  duplicates(
    data.techniques.map((t) => t.id),
    'techniques',
    problems,
  );
  data.techniques.forEach((t, i) => {
    const at = `techniques[${i}] (${t.id})`;
    if (t.parent_id && !t.deprecated && !techniques.has(t.parent_id) && !knownTechniqueIds.has(t.parent_id)) {
      problems.push({ field: at, message: `Parent technique ${t.parent_id} is not in the release.` });
    }
    for (const id of t.tactic_ids) {
      if (!tactics.has(id)) problems.push({ field: at, message: `Unknown tactic ${id}.` });
    }
    for (const m of t.mitigations) {
      if (!mitigations.has(m.id)) problems.push({ field: at, message: `Unknown mitigation ${m.id}.` });
    }
    for (const id of t.detection_strategy_ids) {
      if (!strategies.has(id)) problems.push({ field: at, message: `Unknown detection strategy ${id}.` });
    }
  });
  if (problems.length) throw new ValidationError(problems.slice(0, 20));
}

function duplicates(ids: string[], field: string, problems: Array<{ field: string; message: string }>): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push({ field, message: `Duplicate id ${id}.` });
    seen.add(id);
  }
}
