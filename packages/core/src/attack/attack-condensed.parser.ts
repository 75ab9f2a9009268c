import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { type AttackDataset, attackUrl, type DatasetDetectionStrategy } from './attack.dataset.ts';

const analytic = z.object({
  id: z.string().regex(/^AN\d{4,}$/),
  platforms: z.array(z.string()).default([]),
  description: z.string().default(''),
});

const detectionStrategy = z.object({
  id: z.string().regex(/^DET\d{4,}$/),
  name: z.string().min(1),
  analytics: z.array(analytic).default([]),
});

const technique = z.object({
  id: z.string().regex(/^T\d{4}(\.\d{3})?$/),
  name: z.string().min(1),
  parent: z
    .string()
    .regex(/^T\d{4}$/)
    .nullable()
    .default(null),
  tactics: z.array(z.string().min(1)),
  platforms: z.array(z.string()).default([]),
  url: z.string().url().optional(),
  description: z.string().default(''),
  detection: z.string().nullable().default(''),
  detection_strategies: z.array(detectionStrategy).default([]),
  mitigations: z.array(z.string().regex(/^M\d{4}$/)).default([]),
});

/** The condensed format vendored in data/attack-enterprise.json (see /data/README in the repo root docs). */
export const condensedAttackSchema = z.object({
  name: z.string().default('MITRE ATT&CK Enterprise'),
  attack_release: z.string().default(''),
  modified: z.string().default(''),
  license: z.string().default(''),
  tactics: z.array(
    z.object({
      id: z.string().regex(/^TA\d{4}$/),
      name: z.string().min(1),
      shortname: z.string().min(1),
      order: z.number().int(),
      url: z.string().url().optional(),
      description: z.string().default(''),
    }),
  ),
  techniques: z.array(technique),
  mitigations: z.array(
    z.object({
      id: z.string().regex(/^M\d{4}$/),
      name: z.string().min(1),
      description: z.string().default(''),
      url: z.string().url().optional(),
    }),
  ),
});

/** True when the JSON looks like the condensed format rather than a STIX bundle. */
export function isCondensedAttack(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'techniques' in json && 'tactics' in json;
}

/** Parses the condensed format; errors name the path of the bad object (e.g. `techniques[12].id`). */
export function parseCondensedAttack(json: unknown): AttackDataset {
  const parsed = condensedAttackSchema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.slice(0, 20).map((i) => ({ field: formatPath(i.path), message: i.message })),
    );
  }
  const data = parsed.data;
  const tacticByShortname = new Map(data.tactics.map((t) => [t.shortname, t.id]));
  const strategies = new Map<string, DatasetDetectionStrategy>();
  const techniques = data.techniques.map((t, index) => {
    const tactic_ids = t.tactics.map((shortname) => {
      const id = tacticByShortname.get(shortname);
      if (!id) {
        throw ValidationError.field(
          `techniques[${index}].tactics`,
          `Unknown tactic shortname "${shortname}" in ${t.id}`,
        );
      }
      return id;
    });
    for (const s of t.detection_strategies) {
      if (!strategies.has(s.id)) {
        strategies.set(s.id, {
          id: s.id,
          name: s.name,
          url: attackUrl.detectionStrategy(s.id),
          deprecated: false,
          analytics: s.analytics,
        });
      }
    }
    return {
      id: t.id,
      parent_id: t.parent ?? (t.id.includes('.') ? t.id.split('.')[0]! : null),
      name: t.name,
      url: t.url ?? attackUrl.technique(t.id),
      description: t.description,
      detection: t.detection ?? '',
      platforms: t.platforms,
      deprecated: false,
      tactic_ids,
      mitigations: t.mitigations.map((id) => ({ id, description: '' })),
      detection_strategy_ids: t.detection_strategies.map((s) => s.id),
    };
  });
  return {
    release: {
      name: data.name,
      release: data.attack_release,
      modified: data.modified,
      license: data.license,
    },
    tactics: data.tactics.map((t) => ({
      id: t.id,
      shortname: t.shortname,
      name: t.name,
      matrix_order: t.order,
      url: t.url ?? attackUrl.tactic(t.id),
      description: t.description,
    })),
    techniques,
    mitigations: data.mitigations.map((m) => ({
      id: m.id,
      name: m.name,
      url: m.url ?? attackUrl.mitigation(m.id),
      description: m.description,
      deprecated: false,
    })),
    detectionStrategies: [...strategies.values()],
  };
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}
