import type { C2SessionDto } from '@steppingstones/shared/c2';
import { useEffect, useRef } from 'react';
import { useTimezone } from '../auth/use-me.ts';
import { presenceText } from './presence-format.ts';

const label = (s: C2SessionDto) =>
  `${s.user} ${s.host} / ${s.process}${s.pid === null ? '' : ` (PID: ${s.pid})`}`;

/**
 * Each session's presences on one row, as alternating gap / present segments stacked from the chart's
 * start: segment i of every row is series i. A present stretch is at least `min` wide (a single
 * check-in stays visible); the gap after it gives the time back so later ones stay in place.
 */
function segments(rows: C2SessionDto[], start: number, min: number): number[][] {
  const perRow = rows.map((s) => {
    const spans = s.presences.length
      ? s.presences.map((p) => [Date.parse(p.start), Date.parse(p.end)] as const)
      : [[Date.parse(s.first_seen), Date.parse(s.last_seen)] as const];
    const out: number[] = [];
    let at = start;
    for (const [from, to] of spans) {
      const gap = Math.max(0, from - at);
      const present = Math.max(min, to - Math.max(from, at));
      out.push(gap, present);
      at = Math.max(at + gap + present, to);
    }
    return out;
  });
  const count = Math.max(0, ...perRow.map((r) => r.length));
  return Array.from({ length: count }, (_, i) => perRow.map((r) => r[i] ?? 0));
}

/**
 * One row per session with a bar for each presence (its check-in intervals; first to last seen when
 * none were recorded); the shade is its sleep over the longest sleep shown (interactive and unknown
 * sleeps are the darkest: the most present). Drawn with ECharts on demand.
 */
export function SessionTimeline({ sessions }: { sessions: C2SessionDto[] }) {
  const zone = useTimezone();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element || sessions.length === 0) return;
    let dispose = () => {};
    let disposed = false;
    const rows = [...sessions].sort((a, b) => Date.parse(a.first_seen) - Date.parse(b.first_seen));
    const start = Math.min(...rows.map((s) => Date.parse(s.first_seen)));
    const end = Math.max(...rows.map((s) => Date.parse(s.last_seen)));
    const maxSleep = Math.max(1, ...rows.map((s) => s.sleep ?? 0));
    const parts = segments(rows, start, Math.max(60_000, (end - start) / 400));
    import('../plugins/echarts-setup.ts').then(({ echartsInit }) => {
      if (disposed) return;
      const chart = echartsInit()(element, null, { renderer: 'svg', height: 80 + rows.length * 28 });
      dispose = () => chart.dispose();
      chart.setOption({
        animation: false,
        grid: { left: 260, right: 30, top: 20, bottom: 40 },
        tooltip: {
          formatter: (p: { dataIndex: number; seriesIndex: number }) => {
            const s = rows[p.dataIndex] as C2SessionDto;
            const sleep =
              s.sleep === null ? 'unknown' : `${s.sleep}s${s.jitter ? ` (${s.jitter}% jitter)` : ''}`;
            // Built as elements, never markup: host and user names come from the logs.
            const box = document.createElement('div');
            for (const line of [label(s), presenceText(s.presences, zone), `Sleep: ${sleep}`]) {
              const row = document.createElement('div');
              row.textContent = line;
              box.append(row);
            }
            return box;
          },
        },
        xAxis: {
          type: 'value',
          axisLabel: { formatter: (v: number) => new Date(start + v).toLocaleString() },
        },
        yAxis: { type: 'category', inverse: true, data: rows.map(label) },
        series: parts.map((data, i) =>
          i % 2 === 0
            ? { type: 'bar', stack: 'seen', silent: true, itemStyle: { color: 'transparent' }, data }
            : {
                type: 'bar',
                stack: 'seen',
                name: 'Present',
                data: data.map((value, row) => ({
                  value,
                  itemStyle: {
                    color: '#1c7ed6',
                    opacity: 1 - 0.75 * ((rows[row]?.sleep ?? 0) / maxSleep),
                  },
                })),
              },
        ),
      });
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [sessions, zone]);
  return <div ref={container} role="img" aria-label="Session timeline" style={{ width: '100%' }} />;
}
