import type { C2SessionDto } from '@steppingstones/shared/c2';
import { useEffect, useRef } from 'react';

const label = (s: C2SessionDto) =>
  `${s.user} ${s.host} / ${s.process}${s.pid === null ? '' : ` (PID: ${s.pid})`}`;

/**
 * One bar per session from first to last seen; the shade is its sleep over the longest sleep shown
 * (interactive and unknown sleeps are the darkest: the most present). Drawn with ECharts on demand.
 */
export function SessionTimeline({ sessions }: { sessions: C2SessionDto[] }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element || sessions.length === 0) return;
    let dispose = () => {};
    let disposed = false;
    const rows = [...sessions].sort((a, b) => Date.parse(a.first_seen) - Date.parse(b.first_seen));
    const start = Math.min(...rows.map((s) => Date.parse(s.first_seen)));
    const maxSleep = Math.max(1, ...rows.map((s) => s.sleep ?? 0));
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
            return `${label(s)}<br/>${new Date(s.first_seen).toLocaleString()} – ${new Date(s.last_seen).toLocaleString()}<br/>Sleep: ${sleep}`;
          },
        },
        xAxis: {
          type: 'value',
          axisLabel: { formatter: (v: number) => new Date(start + v).toLocaleString() },
        },
        yAxis: { type: 'category', inverse: true, data: rows.map(label) },
        series: [
          {
            type: 'bar',
            stack: 'seen',
            silent: true,
            itemStyle: { color: 'transparent' },
            data: rows.map((s) => Date.parse(s.first_seen) - start),
          },
          {
            type: 'bar',
            stack: 'seen',
            name: 'Present',
            data: rows.map((s) => ({
              value: Math.max(60_000, Date.parse(s.last_seen) - Date.parse(s.first_seen)),
              itemStyle: { color: '#1c7ed6', opacity: 1 - 0.75 * ((s.sleep ?? 0) / maxSleep) },
            })),
          },
        ],
      });
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [sessions]);
  return <div ref={container} role="img" aria-label="Session timeline" style={{ width: '100%' }} />;
}
