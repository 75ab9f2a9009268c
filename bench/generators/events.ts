import { type AttackCatalogue, loadAttack } from './attack.ts';
import { EVIDENCE_MIX, evidence } from './evidence.ts';
import { Rng } from './random.ts';
import { buildEstate, type Estate, TAGS, TOOLS } from './vocabulary.ts';

/** Bump when the generators or the loader change what they write: cached datasets are then rebuilt. */
export const GENERATOR_VERSION = 1;

export type Detected = 'N/A' | 'UNK' | 'NEG' | 'PAR' | 'FUL';
export type Prevented = 'N/A' | 'NEG' | 'PAR' | 'FUL';

export interface ContextSpec {
  host: string;
  user: string;
  process: string;
}

/** One event as the generator produces it: ids of shared things are indexes into the dataset's lists. */
export interface GeneratedEvent {
  /** 0 = the main engagement every benchmark queries, 1 = a second one (so scoping is exercised). */
  engagement: 0 | 1;
  timestamp: number;
  timestampEnd: number | null;
  operator: number;
  source: number;
  target: number;
  tactic: string | null;
  technique: string | null;
  subtechnique: string | null;
  description: string;
  rawEvidence: string;
  outcome: string;
  detected: Detected;
  prevented: Prevented;
  starred: boolean;
  tags: string[];
}

export interface EventDatasetSpec {
  seed: number;
  count: number;
  operators: string[];
  contexts: ContextSpec[];
  tags: string[];
  engagements: Array<{ code: string; name: string; startDate: string; endDate: string }>;
  /** Terms for the search benchmarks: one in exactly three events, one in a large share of them. */
  terms: { rare: string; common: string };
  /** The tactic + Detected filter of the filtered grid benchmark. */
  filter: { tactic: string; detected: Detected };
}

export const RARE_TERM = 'blackcanary7';
export const COMMON_TERM = 'powershell';
const START = Date.UTC(2026, 2, 2, 9, 0, 0);
const SPAN_MS = 90 * 24 * 3600 * 1000;

const TACTIC_WEIGHTS: Record<string, number> = {
  TA0043: 6,
  TA0042: 1,
  TA0001: 4,
  TA0002: 12,
  TA0003: 6,
  TA0004: 7,
  TA0005: 8,
  TA0006: 10,
  TA0007: 16,
  TA0008: 10,
  TA0009: 6,
  TA0011: 6,
  TA0010: 3,
  TA0040: 1,
};

const DETECTED: ReadonlyArray<readonly [Detected, number]> = [
  ['N/A', 5],
  ['UNK', 30],
  ['NEG', 40],
  ['PAR', 15],
  ['FUL', 10],
];
const PREVENTED: ReadonlyArray<readonly [Prevented, number]> = [
  ['N/A', 10],
  ['NEG', 70],
  ['PAR', 8],
  ['FUL', 12],
];
const VERBS = [
  'Enumerated',
  'Dumped',
  'Executed',
  'Queried',
  'Uploaded',
  'Downloaded',
  'Scanned',
  'Accessed',
  'Created',
  'Modified',
];
const OBJECTS = [
  'local administrators',
  'domain admins group',
  'SMB shares',
  'LSASS memory',
  'scheduled task',
  'service account SPNs',
  'SQL databases',
  'GPO settings',
  'browser credentials',
  'VPN configuration',
  'certificate templates',
  'mailbox rules',
];
const OUTCOMES = [
  '',
  '',
  '',
  'Success',
  'Access denied',
  'Got a shell',
  'Credentials recovered',
  'Partial output, connection dropped',
  'Blocked by EDR',
  'Nothing of interest',
];

export function datasetSpec(seed: number, count: number): { spec: EventDatasetSpec; estate: Estate } {
  const rng = new Rng(seed);
  const estate = buildEstate(rng);
  const contexts: ContextSpec[] = [];
  for (const host of estate.attackerHosts) contexts.push({ host, user: 'kali', process: '' });
  for (let i = 0; i < 1500; i++) {
    contexts.push({
      host: rng.pickSkewed(estate.hosts, 1.6),
      user: rng.chance(0.15) ? '' : rng.pickSkewed(estate.users, 1.8),
      process: rng.pick(estate.processes),
    });
  }
  const unique = new Map(contexts.map((c) => [`${c.host}\u0000${c.user}\u0000${c.process}`, c]));
  return {
    estate,
    spec: {
      seed,
      count,
      operators: ['op.alice', 'op.bob', 'op.carol', 'op.dave', 'op.erin', 'op.frank'],
      contexts: [...unique.values()],
      tags: TAGS,
      engagements: [
        { code: 'BENCH', name: 'Benchmark engagement', startDate: '2026-03-02', endDate: '2026-05-31' },
        { code: 'OTHER', name: 'Another engagement', startDate: '2026-03-02', endDate: '2026-05-31' },
      ],
      terms: { rare: RARE_TERM, common: COMMON_TERM },
      filter: { tactic: 'TA0008', detected: 'NEG' },
    },
  };
}

function pickAttack(rng: Rng, attack: AttackCatalogue, tactics: Array<readonly [string, number]>) {
  if (rng.chance(0.15)) return { tactic: null, technique: null, subtechnique: null };
  const tactic = rng.weighted(tactics);
  const techniques = attack.techniquesByTactic.get(tactic) ?? [];
  if (techniques.length === 0 || rng.chance(0.1)) return { tactic, technique: null, subtechnique: null };
  const technique = rng.pickSkewed(techniques, 1.5);
  const subtechnique =
    technique.subtechniques.length > 0 && rng.chance(0.5) ? rng.pick(technique.subtechniques) : null;
  return { tactic, technique: technique.id, subtechnique };
}

/** The events of a dataset, in insertion order (mostly chronological, some entered late). Deterministic. */
export function* generateEvents(spec: EventDatasetSpec, estate: Estate): Generator<GeneratedEvent> {
  const rng = new Rng(spec.seed ^ 0x5eed);
  const attack = loadAttack();
  const tactics = attack.tactics.map((t) => [t.id, TACTIC_WEIGHTS[t.id] ?? 1] as const);
  const step = SPAN_MS / Math.max(spec.count, 1);
  const rareAt = new Set([0.13, 0.52, 0.91].map((f) => Math.floor(spec.count * f)));
  const attackerContexts = estate.attackerHosts.length;
  let clock = START;
  for (let i = 0; i < spec.count; i++) {
    clock += step * (0.2 + rng.next() * 1.6);
    const timestamp = Math.round(rng.chance(0.05) ? clock - rng.int(2 * 3600 * 1000) : clock);
    const att = pickAttack(rng, attack, tactics);
    const source = rng.chance(0.25)
      ? rng.int(attackerContexts)
      : attackerContexts + rng.int(spec.contexts.length - attackerContexts);
    const target =
      attackerContexts + Math.floor(rng.next() ** 1.7 * (spec.contexts.length - attackerContexts));
    const tool = rng.pick(TOOLS);
    const targetHost = spec.contexts[target]!.host;
    const kind = rng.weighted(EVIDENCE_MIX);
    let rawEvidence = evidence(rng, estate, kind, targetHost);
    let description = `${rng.pick(VERBS)} ${rng.pick(OBJECTS)} on ${targetHost} using ${tool}`;
    if (tool !== COMMON_TERM && rng.chance(0.12)) description += ` via ${COMMON_TERM}`;
    if (rareAt.has(i)) {
      description = `Deployed implant ${RARE_TERM} on ${targetHost}`;
      rawEvidence = `${rawEvidence}\n[+] ${RARE_TERM} checked in from ${targetHost}`;
    }
    const tagCount = rng.weighted([
      [0, 45],
      [1, 35],
      [2, 15],
      [3, 5],
    ] as const);
    const tags = new Set<string>();
    for (let t = 0; t < tagCount; t++) tags.add(rng.pickSkewed(spec.tags, 1.4));
    yield {
      engagement: i % 50 === 49 ? 1 : 0,
      timestamp,
      timestampEnd: rng.chance(0.2) ? timestamp + rng.range(60_000, 3 * 3600 * 1000) : null,
      operator: rng.pickSkewed(
        spec.operators.map((_, k) => k),
        1.3,
      ),
      source,
      target,
      ...att,
      description: description.slice(0, 1000),
      rawEvidence,
      outcome: rng.pick(OUTCOMES),
      detected: rng.weighted(DETECTED),
      prevented: rng.weighted(PREVENTED),
      starred: rng.chance(0.03),
      tags: [...tags],
    };
  }
}
