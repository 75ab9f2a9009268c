// The two ATT&CK heat maps (reference §2.8–2.9) over the filtered events of the engagement.
import { eventReport, type ReportEvent, z } from '@steppingstones/plugin-sdk';
import { ACTIVITY, BADNESS, interpolate } from './colours.ts';
import { type HeatSection, heatGrid } from './heat-grid.ts';
import { OUTCOMES, outcomeOf } from './outcomes.ts';

const paramsSchema = z.object({
  subtechniques: z
    .boolean()
    .default(false)
    .describe('Break out sub-techniques (default: summarise by technique)'),
});

interface Group {
  tactic: string;
  id: string;
  name: string;
  events: ReportEvent[];
}

/**
 * Groups per tactic: the sub-technique (when broken out), else the technique, else the tactic itself.
 * Technique-only events keep their own technique cell next to its sub-techniques (the original's
 * detection heat map dropped them).
 */
function groups(events: ReportEvent[], breakOut: boolean): Group[] {
  const out = new Map<string, Group>();
  for (const e of events) {
    if (!e.tactic) continue;
    const ref = (breakOut && e.subtechnique) || e.technique || e.tactic;
    const name = ref === e.subtechnique && e.technique ? `${e.technique.name}: ${ref.name}` : ref.name;
    const key = `${e.tactic.mitreId}|${ref.mitreId}`;
    const g = out.get(key) ?? { tactic: e.tactic.mitreId, id: ref.mitreId, name, events: [] };
    out.set(key, g);
    g.events.push(e);
  }
  return [...out.values()];
}

/** PERCENT_RANK over all cells by count ascending: ties share a rank, a lone cell scores 0. */
export function percentRanks(counts: number[]): number[] {
  if (counts.length < 2) return counts.map(() => 0);
  return counts.map((c) => counts.filter((o) => o < c).length / (counts.length - 1));
}

/** The most frequent outcome, ties to the worse; null when every event is N/A. */
export function modalOutcome(events: ReportEvent[]) {
  const tally = new Map<string, number>();
  for (const e of events) {
    const o = outcomeOf(e);
    if (o) tally.set(o.key, (tally.get(o.key) ?? 0) + 1);
  }
  let best: (typeof OUTCOMES)[number] | null = null;
  let bestCount = 0;
  for (const o of OUTCOMES) {
    const n = tally.get(o.key) ?? 0;
    if (n > bestCount) {
      best = o;
      bestCount = n;
    }
  }
  return best;
}

async function sections(
  tactics: { mitreId: string; name: string }[],
  all: Group[],
  cell: (g: Group) => { color: string; note?: string },
): Promise<HeatSection[]> {
  const out: HeatSection[] = [];
  for (const t of tactics) {
    const mine = all.filter((g) => g.tactic === t.mitreId).sort((a, b) => a.id.localeCompare(b.id, 'en'));
    if (!mine.length) continue;
    out.push({
      title: `${t.mitreId} ${t.name}`,
      cells: mine.map((g) => {
        const c = cell(g);
        return { id: g.id, name: c.note ? `${g.name} (${c.note})` : g.name, color: c.color };
      }),
    });
  }
  return out;
}

export const mitreActivityHeatMap = eventReport({
  key: 'mitre-activity-heat-map',
  title: 'MITRE Activity Heat Map',
  category: 'Charts',
  icon: 'grid',
  description: 'How often each ATT&CK technique was attempted, as a percentile.',
  requires: ['report.view'],
  output: 'chart',
  paramsSchema,
  async render(ctx) {
    const all = groups(await ctx.events.list(), ctx.params.subtechniques);
    const ranks = percentRanks(all.map((g) => g.events.length));
    const rankOf = new Map(all.map((g, i) => [g, ranks[i] ?? 0]));
    const chart = heatGrid({
      title: 'MITRE Activity Heat Map',
      subtitle: ctx.params.subtechniques ? 'Sub-techniques broken out' : 'Summarised by technique',
      barLabel: 'Number of attempts (as percentile)',
      barStops: ACTIVITY,
      barTicks: [0, 0.25, 0.5, 0.75, 1].map((at) => ({ at, label: `${at * 100}%` })),
      sections: await sections(await ctx.attack.tactics(), all, (g) => ({
        color: interpolate(ACTIVITY, rankOf.get(g) ?? 0),
      })),
    });
    return { kind: 'chart', ...chart, filename: `${ctx.engagement.code}-activity-heat-map` };
  },
});

export const mitreDetectionPreventionHeatMap = eventReport({
  key: 'mitre-detection-prevention-heat-map',
  title: 'MITRE Detection and Prevention Heat Map',
  category: 'Charts',
  icon: 'grid',
  description: 'The modal detection / prevention outcome of each ATT&CK technique (ties to the worse).',
  requires: ['report.view'],
  output: 'chart',
  paramsSchema,
  async render(ctx) {
    const all = groups(await ctx.events.list(), ctx.params.subtechniques);
    const chart = heatGrid({
      title: 'MITRE Detection and Prevention Heat Map',
      subtitle: `${ctx.params.subtechniques ? 'Sub-techniques broken out' : 'Summarised by technique'}; grey = not applicable`,
      barLabel: 'Modal detection/prevention outcome',
      barStops: BADNESS,
      barTicks: OUTCOMES.map((o) => ({ at: o.score, label: o.short })),
      sections: await sections(await ctx.attack.tactics(), all, (g) => {
        const o = modalOutcome(g.events);
        return o ? { color: interpolate(BADNESS, o.score) } : { color: '#DDDDDD', note: 'N/A' };
      }),
    });
    return { kind: 'chart', ...chart, filename: `${ctx.engagement.code}-detection-prevention-heat-map` };
  },
});
