import { z } from 'zod';
import { type FieldProblem, ValidationError } from '../errors.ts';
import {
  type AttackDataset,
  attackUrl,
  type DatasetDetectionStrategy,
  type DatasetMitigation,
  type DatasetTactic,
  type DatasetTechnique,
} from './attack.dataset.ts';

/** The parts of STIX 2.1 objects an ATT&CK import reads; everything else passes through unread. */
const externalRef = z.object({
  source_name: z.string().optional(),
  external_id: z.string().optional(),
  url: z.string().optional(),
});
const base = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  modified: z.string().optional(),
  revoked: z.boolean().optional(),
  x_mitre_deprecated: z.boolean().optional(),
  external_references: z.array(externalRef).optional(),
});
const named = base.extend({ name: z.string().min(1) });
const schemas: Record<string, z.ZodType> = {
  'x-mitre-tactic': named.extend({ x_mitre_shortname: z.string().min(1) }),
  'x-mitre-matrix': base.extend({ tactic_refs: z.array(z.string()) }),
  'x-mitre-collection': base.extend({ x_mitre_version: z.string().optional() }),
  'attack-pattern': named.extend({
    x_mitre_is_subtechnique: z.boolean().optional(),
    x_mitre_platforms: z.array(z.string()).optional(),
    x_mitre_detection: z.string().optional(),
    kill_chain_phases: z.array(z.object({ kill_chain_name: z.string(), phase_name: z.string() })).optional(),
  }),
  'course-of-action': named,
  'x-mitre-detection-strategy': named.extend({ x_mitre_analytic_refs: z.array(z.string()).optional() }),
  'x-mitre-analytic': base.extend({ x_mitre_platforms: z.array(z.string()).optional() }),
  relationship: base.extend({
    relationship_type: z.string(),
    source_ref: z.string(),
    target_ref: z.string(),
  }),
};

type Obj = z.infer<typeof base> & Record<string, unknown>;

const bundleSchema = z.object({ type: z.literal('bundle'), objects: z.array(z.unknown()).min(1) });

/** True when the JSON is a STIX bundle. */
export function isStixBundle(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { type?: unknown }).type === 'bundle';
}

/**
 * Reads a MITRE `enterprise-attack.json` STIX 2.1 bundle (ATT&CK v18 data model). Revoked objects
 * and relationships are skipped; deprecated techniques are kept and flagged. Problems name the object
 * (`objects[12] (attack-pattern--…)`).
 */
export function parseStixAttack(json: unknown): AttackDataset {
  const bundle = bundleSchema.safeParse(json);
  if (!bundle.success) {
    throw ValidationError.field(
      '(file)',
      'Not a STIX bundle: expected {"type": "bundle", "objects": [...]}.',
    );
  }
  const problems: FieldProblem[] = [];
  const objects: Obj[] = [];
  bundle.data.objects.forEach((raw, i) => {
    const type = (raw as { type?: unknown })?.type;
    const schema = typeof type === 'string' ? schemas[type] : undefined;
    if (!schema) return; // identities, groups, software, marking definitions...: not needed here
    const parsed = schema.safeParse(raw);
    const where = `objects[${i}] (${String((raw as { id?: unknown }).id ?? type)})`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3))
        problems.push({ field: where, message: `${issue.path.join('.') || '(object)'}: ${issue.message}` });
      return;
    }
    const obj = parsed.data as Obj;
    // Revoked objects are replaced by others; deprecated relationships no longer hold.
    if (obj.revoked || (obj.type === 'relationship' && obj.x_mitre_deprecated)) return;
    if (!['relationship', 'x-mitre-matrix', 'x-mitre-collection'].includes(obj.type) && !mitreId(obj)) {
      // Tactics and techniques are what events reference: without an id the file is unusable.
      // Mitigations, detection strategies and analytics without one are skipped.
      if (obj.type === 'x-mitre-tactic' || obj.type === 'attack-pattern')
        problems.push({
          field: where,
          message: 'external_references: no "mitre-attack" entry with an external_id',
        });
      return;
    }
    objects.push(obj);
  });
  if (problems.length) throw new ValidationError(problems.slice(0, 20));
  return buildDataset(objects);
}

const ATTACK_ID = /^(?:TA|T|M|DET|AN)\d{4}(?:\.\d{3})?$/;

/** The ATT&CK id: the `mitre-attack` reference, else (some analytics) any ATT&CK-shaped external id. */
function mitreId(obj: Obj): string | undefined {
  const refs = obj.external_references ?? [];
  return (
    refs.find((r) => r.source_name === 'mitre-attack' && r.external_id)?.external_id ??
    refs.find((r) => r.external_id && ATTACK_ID.test(r.external_id))?.external_id
  );
}

function mitreUrl(obj: Obj, fallback: string): string {
  return obj.external_references?.find((r) => r.source_name === 'mitre-attack' && r.url)?.url ?? fallback;
}

function buildDataset(objects: Obj[]): AttackDataset {
  const byStix = new Map(objects.map((o) => [o.id, o]));
  const ofType = (t: string) => objects.filter((o) => o.type === t);
  const matrix = ofType('x-mitre-matrix')[0] as (Obj & { tactic_refs: string[] }) | undefined;
  const order = new Map((matrix?.tactic_refs ?? []).map((ref, i) => [ref, i + 1]));

  const tacticObjs = ofType('x-mitre-tactic');
  const tactics: DatasetTactic[] = tacticObjs.map((o, i) => {
    const id = mitreId(o) as string;
    return {
      id,
      shortname: o.x_mitre_shortname as string,
      name: o.name as string,
      matrix_order: order.get(o.id) ?? order.size + i + 1,
      url: mitreUrl(o, attackUrl.tactic(id)),
      description: o.description ?? '',
    };
  });
  const tacticByShortname = new Map(tactics.map((t) => [t.shortname, t.id]));

  const rels = ofType('relationship') as Array<
    Obj & { relationship_type: string; source_ref: string; target_ref: string }
  >;
  const live = (ref: string) => byStix.has(ref);
  const mitigationsOf = new Map<string, Array<{ id: string; description: string }>>();
  const strategiesOf = new Map<string, string[]>();
  const parentOf = new Map<string, string>();
  for (const r of rels) {
    if (!live(r.source_ref) || !live(r.target_ref)) continue;
    const source = byStix.get(r.source_ref) as Obj;
    const target = byStix.get(r.target_ref) as Obj;
    if (
      r.relationship_type === 'mitigates' &&
      source.type === 'course-of-action' &&
      target.type === 'attack-pattern'
    ) {
      push(mitigationsOf, target.id, { id: mitreId(source) as string, description: r.description ?? '' });
    } else if (r.relationship_type === 'detects' && source.type === 'x-mitre-detection-strategy') {
      push(strategiesOf, target.id, mitreId(source) as string);
    } else if (r.relationship_type === 'subtechnique-of') {
      parentOf.set(source.id, mitreId(target) as string);
    }
  }

  const mitigations: DatasetMitigation[] = ofType('course-of-action')
    .filter((o) => /^M\d{4}$/.test(mitreId(o) as string))
    .map((o) => {
      const id = mitreId(o) as string;
      return {
        id,
        name: o.name as string,
        url: mitreUrl(o, attackUrl.mitigation(id)),
        description: o.description ?? '',
        deprecated: !!o.x_mitre_deprecated,
      };
    });
  const mitigationIds = new Set(mitigations.map((m) => m.id));

  const strategies: DatasetDetectionStrategy[] = ofType('x-mitre-detection-strategy').map((o) => {
    const id = mitreId(o) as string;
    const analytics = ((o.x_mitre_analytic_refs as string[] | undefined) ?? [])
      .map((ref) => byStix.get(ref))
      .filter((a): a is Obj => a?.type === 'x-mitre-analytic')
      .map((a) => ({
        id: mitreId(a) as string,
        platforms: (a.x_mitre_platforms as string[] | undefined) ?? [],
        description: a.description ?? '',
      }));
    return {
      id,
      name: o.name as string,
      url: mitreUrl(o, attackUrl.detectionStrategy(id)),
      deprecated: !!o.x_mitre_deprecated,
      analytics,
    };
  });

  const techniques: DatasetTechnique[] = ofType('attack-pattern').map((o) => {
    const id = mitreId(o) as string;
    const phases =
      (o.kill_chain_phases as Array<{ kill_chain_name: string; phase_name: string }> | undefined) ?? [];
    const isSub = !!o.x_mitre_is_subtechnique || id.includes('.');
    return {
      id,
      parent_id: isSub ? (parentOf.get(o.id) ?? id.split('.')[0] ?? null) : null,
      name: o.name as string,
      url: mitreUrl(o, attackUrl.technique(id)),
      description: o.description ?? '',
      detection: (o.x_mitre_detection as string | undefined) ?? '',
      platforms: (o.x_mitre_platforms as string[] | undefined) ?? [],
      deprecated: !!o.x_mitre_deprecated,
      tactic_ids: phases
        .filter((p) => p.kill_chain_name === 'mitre-attack')
        .map((p) => tacticByShortname.get(p.phase_name) ?? p.phase_name)
        // A deprecated technique may name a tactic that no longer exists; only live ones must be exact.
        .filter((t) => !o.x_mitre_deprecated || tactics.some((x) => x.id === t)),
      mitigations: (mitigationsOf.get(o.id) ?? []).filter((m) => mitigationIds.has(m.id)),
      detection_strategy_ids: strategiesOf.get(o.id) ?? [],
    };
  });

  const collection = ofType('x-mitre-collection')[0];
  const modified = objects.reduce((max, o) => (o.modified && o.modified > max ? o.modified : max), '');
  return {
    release: {
      name: collection?.name ?? matrix?.name ?? 'MITRE ATT&CK',
      release: (collection?.x_mitre_version as string | undefined) ?? '',
      modified,
      license:
        'ATT&CK data (c) The MITRE Corporation. Reproduced and distributed under the ATT&CK Terms of Use: https://attack.mitre.org/resources/legal-and-branding/terms-of-use/',
    },
    tactics,
    techniques,
    mitigations,
    detectionStrategies: strategies,
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
