// ATT&CK Navigator layer (reference §2.11), layer format 4.5 for Navigator 5.x and ATT&CK 18. Fixes:
// the original rendered JSON from a template (HTML-escaped, not JSON-escaped, with a dummy trailing
// entry), mixed in every engagement, ignored the filter and gave no scores; this one is built as an
// object and serialised, scores each technique by its prevention rate so the gradient means something,
// and disables the techniques the filtered events never used.
import { eventReport, type ReportContext, type ReportEvent, z } from '@steppingstones/plugin-sdk';
import { firstSentence, formatUtc } from '@steppingstones/plugin-sdk/report-text';

export const LEGEND = [
  { label: 'Fully prevented', color: '#8FBC8F' },
  { label: 'Partially prevented', color: '#FFFACD' },
  { label: 'Not prevented', color: '#F6CCD0' },
  { label: 'Not applicable', color: '#DDDDDD' },
] as const;

const PLATFORMS = [
  'Windows',
  'Linux',
  'macOS',
  'Network Devices',
  'ESXi',
  'PRE',
  'Containers',
  'IaaS',
  'SaaS',
  'Office Suite',
  'Identity Provider',
];

const paramsSchema = z.object({
  disableUnused: z.boolean().default(true).describe('Grey out the techniques no filtered event used'),
});

/** 100 when every (applicable) event was blocked as standard, 0 when none was prevented. */
function preventionScore(events: ReportEvent[]): number | null {
  const applicable = events.filter((e) => e.prevented !== 'N/A');
  if (!applicable.length) return null;
  const points = applicable.reduce(
    (n, e) => n + (e.prevented === 'FUL' ? 1 : e.prevented === 'PAR' ? 0.5 : 0),
    0,
  );
  return Math.round((points / applicable.length) * 100);
}

function colourFor(score: number | null): string {
  if (score === null) return '#DDDDDD';
  if (score >= 100) return '#8FBC8F';
  return score > 0 ? '#FFFACD' : '#F6CCD0';
}

interface LayerTechnique {
  techniqueID: string;
  tactic: string;
  score?: number;
  color: string;
  comment: string;
  enabled: boolean;
  metadata: { name: string; value: string }[];
  links: never[];
  showSubtechniques: boolean;
}

export async function buildLayer(ctx: ReportContext<z.output<typeof paramsSchema>>) {
  const events = await ctx.events.list();
  const tactics = await ctx.attack.tactics();
  const shortname = new Map(tactics.map((t) => [t.mitreId, t.shortname]));
  const groups = new Map<string, { id: string; tactic: string; events: ReportEvent[] }>();
  const parentsShown = new Set<string>();
  for (const e of events) {
    const id = e.subtechnique?.mitreId ?? e.technique?.mitreId;
    const tactic = e.tactic && shortname.get(e.tactic.mitreId);
    if (!id || !tactic) continue;
    const key = `${tactic}|${id}`;
    const g = groups.get(key) ?? { id, tactic, events: [] };
    groups.set(key, g);
    g.events.push(e);
    if (e.subtechnique && e.technique) parentsShown.add(`${tactic}|${e.technique.mitreId}`);
  }
  const techniques: LayerTechnique[] = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, g]) => {
      const score = preventionScore(g.events);
      const detected = g.events.filter((e) => e.detected === 'FUL' || e.detected === 'PAR').length;
      return {
        techniqueID: g.id,
        tactic: g.tactic,
        ...(score === null ? {} : { score }),
        color: colourFor(score),
        comment: `${g.events.length} event(s); detected ${detected}; prevention score ${score ?? 'n/a'}`,
        enabled: true,
        metadata: g.events
          .slice(0, 50)
          .map((e) => ({ name: formatUtc(e.startAt), value: firstSentence(e.description) })),
        links: [],
        showSubtechniques: parentsShown.has(key),
      };
    });
  if (ctx.params.disableUnused) {
    const used = new Set([...groups.keys(), ...parentsShown]);
    for (const t of tactics) {
      for (const tech of await ctx.attack.techniquesOfTactic(t.mitreId)) {
        if (used.has(`${t.shortname}|${tech.mitreId}`)) continue;
        techniques.push({
          techniqueID: tech.mitreId,
          tactic: t.shortname,
          color: '',
          comment: '',
          enabled: false,
          metadata: [],
          links: [],
          showSubtechniques: false,
        });
      }
    }
  }
  const filter = Object.entries(ctx.filter)
    .filter(([, v]) => v !== undefined && v !== '' && v !== false)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(', ');
  return {
    name: `${ctx.engagement.name} (${ctx.engagement.code})`,
    versions: { attack: '18', navigator: '5.1.0', layer: '4.5' },
    domain: 'enterprise-attack',
    description:
      `${events.length} events of ${ctx.engagement.code}${filter ? ` (filter: ${filter})` : ''}, generated ` +
      `${formatUtc(ctx.clock.now().toISOString())}. Score = prevention rate (blocked 100, manual 50, not prevented 0).`,
    filters: { platforms: PLATFORMS },
    sorting: 0,
    layout: {
      layout: 'side',
      aggregateFunction: 'average',
      showID: true,
      showName: true,
      showAggregateScores: false,
      countUnscored: false,
      expandedSubtechniques: 'annotated',
    },
    hideDisabled: false,
    techniques,
    gradient: { colors: ['#F6CCD0', '#FFFACD', '#8FBC8F'], minValue: 0, maxValue: 100 },
    legendItems: LEGEND.map((l) => ({ ...l })),
    metadata: [
      { name: 'engagement', value: ctx.engagement.code },
      { name: 'generated', value: formatUtc(ctx.clock.now().toISOString()) },
    ],
    links: [],
    showTacticRowBackground: false,
    tacticRowBackground: '#dddddd',
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
  };
}

export const mitreAttackNavigator = eventReport({
  key: 'mitre-attack-navigator',
  title: 'MITRE ATT&CK Navigator layer',
  category: 'External Tools',
  icon: 'map',
  description: 'A Navigator 5.x layer of the techniques used, coloured and scored by prevention.',
  requires: ['report.view'],
  output: 'file',
  opensIn: 'attack-navigator',
  paramsSchema,
  async render(ctx) {
    const layer = await buildLayer(ctx);
    return {
      kind: 'file',
      filename: `${ctx.engagement.code}-attack-navigator-layer.json`,
      contentType: 'application/json',
      data: `${JSON.stringify(layer, null, 2)}\n`,
    };
  },
});
