// "Daily Detections and Preventions" (reference §2.7): six stacked outcome categories per UTC day,
// coloured along the badness scale, each legend entry with its share of all the events. Fixes: an
// engagement without events gives an empty chart (the original divided by zero), days are UTC dates
// (the original used the viewer's time zone), and the filter applies.
import { eventReport } from '@steppingstones/plugin-sdk';
import { BADNESS, interpolate } from './colours.ts';
import { OUTCOMES, outcomeOf, utcDay } from './outcomes.ts';

export const dailyDetectionsAndPreventions = eventReport({
  key: 'daily-detections-and-preventions',
  title: 'Daily Detections and Preventions',
  category: 'Charts',
  icon: 'chart-bar',
  description: 'Per UTC day, the events stacked by detection / prevention outcome.',
  requires: ['report.view'],
  output: 'chart',
  async render(ctx) {
    const events = await ctx.events.list();
    const days = [...new Set(events.map((e) => utcDay(e.startAt)))].sort();
    const counts = new Map(OUTCOMES.map((o) => [o.key, new Map(days.map((d) => [d, 0]))]));
    for (const e of events) {
      const o = outcomeOf(e);
      if (!o) continue;
      const perDay = counts.get(o.key);
      perDay?.set(utcDay(e.startAt), (perDay.get(utcDay(e.startAt)) ?? 0) + 1);
    }
    const share = (key: string) => {
      const n = [...(counts.get(key)?.values() ?? [])].reduce((a, b) => a + b, 0);
      return events.length ? ((n / events.length) * 100).toFixed(2) : '0.00';
    };
    const series = OUTCOMES.map((o) => ({
      type: 'bar',
      stack: 'outcomes',
      barWidth: '70%',
      name: `${o.label} ${share(o.key)}%`,
      itemStyle: { color: interpolate(BADNESS, o.score) },
      data: days.map((d) => counts.get(o.key)?.get(d) ?? 0),
    }));
    const option = {
      title: {
        text: 'Daily Detections and Preventions',
        subtext: events.length
          ? `${events.length} events; days in UTC; shares of all events (N/A outcomes count in no category)`
          : 'No events',
        left: 'center',
      },
      // Legend best first, as the original (plotting order reversed).
      legend: { orient: 'vertical', right: 10, top: 80, data: [...series].reverse().map((s) => s.name) },
      grid: { left: 60, right: 330, top: 80, bottom: 90 },
      xAxis: { type: 'category', data: days, axisLabel: { rotate: 22.5 }, name: 'UTC date' },
      yAxis: { type: 'value', minInterval: 1, name: 'Events' },
      series,
    };
    return {
      kind: 'chart',
      option,
      width: 1000,
      height: 600,
      filename: `${ctx.engagement.code}-daily-detections`,
    };
  },
});
