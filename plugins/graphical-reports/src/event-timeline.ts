// "MITRE Event Timeline" (reference §2.6): a row per tactic in kill-chain order, a tick per event,
// weekends shaded, Monday ticks on spans of two weeks or more. Times are UTC and the axis says so.
// Fixes: the original read every event of the engagement ignoring the filter, and answered a plain
// 404 when no event had a tactic (now a chart saying so).
import { eventReport } from '@steppingstones/plugin-sdk';

const DAY = 86_400_000;
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** Saturday 00:00 → Monday 00:00 (UTC) spans touching [first, last]. */
export function weekends(first: number, last: number): [number, number][] {
  const out: [number, number][] = [];
  let day = Math.floor(first / DAY) * DAY;
  while (day <= last) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6 || weekday === 0) out.push([day, day + DAY]);
    day += DAY;
  }
  return out;
}

/** The start, every Monday after it (same time of day), and the end, when the span is ≥ 14 days. */
export function mondayTicks(first: number, last: number): number[] | null {
  if (last - first < 14 * DAY) return null;
  const ticks = [first];
  for (let t = first + DAY; t < last; t += DAY) if (new Date(t).getUTCDay() === 1) ticks.push(t);
  ticks.push(last);
  return ticks;
}

export const mitreEventTimeline = eventReport({
  key: 'mitre-event-timeline',
  title: 'MITRE Event Timeline',
  category: 'Charts',
  icon: 'chart-line',
  description: 'A row per ATT&CK tactic with a tick per event; weekends shaded (UTC).',
  requires: ['report.view'],
  output: 'chart',
  async render(ctx) {
    const events = (await ctx.events.list()).filter((e) => e.tactic);
    const tactics = (await ctx.attack.tactics()).filter((t) =>
      events.some((e) => e.tactic?.mitreId === t.mitreId),
    );
    // Kill-chain order top to bottom: a category axis draws its first value at the bottom.
    const rows = [...tactics].reverse();
    const labels = rows.map((t) => `${t.mitreId}\n${t.name}`);
    const times = events.map((e) => Date.parse(e.startAt));
    const first = Math.min(...times);
    const last = Math.max(...times);
    const ticks = events.length ? mondayTicks(first, last) : null;
    const height = Math.max(300, 120 + rows.length * 60);
    const series: Record<string, unknown>[] = rows.map((t, i) => ({
      type: 'scatter',
      name: t.mitreId,
      symbol: 'rect',
      symbolSize: [2, 36],
      itemStyle: { color: PALETTE[(rows.length - 1 - i) % PALETTE.length] },
      data: events.filter((e) => e.tactic?.mitreId === t.mitreId).map((e) => [e.startAt, labels[i]]),
    }));
    if (events.length) {
      series.push({
        type: 'scatter',
        name: 'Weekends',
        data: [],
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(0,0,0,0.2)' },
          data: weekends(first, last).map(([a, b]) => [{ xAxis: a }, { xAxis: b }]),
        },
      });
    }
    const option = {
      useUTC: true,
      title: {
        text: 'MITRE Event Timeline',
        subtext: events.length ? 'Times in UTC; weekends shaded' : 'No events tagged with MITRE references',
        left: 'center',
      },
      grid: { left: 200, right: 40, top: 80, bottom: 80 },
      xAxis: {
        type: 'time',
        name: 'UTC',
        ...(events.length ? { min: first - DAY / 4, max: last + DAY / 4 } : {}),
        axisLabel: {
          rotate: 22.5,
          fontSize: 10,
          formatter: '{yyyy}-{MM}-{dd} {HH}:{mm}',
          ...(ticks ? { customValues: ticks } : {}),
        },
        ...(ticks ? { axisTick: { customValues: ticks } } : {}),
      },
      yAxis: { type: 'category', data: labels, axisLabel: { fontSize: 10 }, splitLine: { show: true } },
      series,
    };
    return {
      kind: 'chart',
      option,
      width: 1000,
      height,
      filename: `${ctx.engagement.code}-mitre-event-timeline`,
    };
  },
});
