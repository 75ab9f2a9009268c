import { type CredentialStatistics, credentialReport } from '@steppingstones/plugin-sdk';
import { percent } from './percent.ts';

/** Worst to best: short passwords red, long ones green (by rank, as the statistics page draws them). */
const BADNESS = ['#E97590', '#F7D089', '#F7F4B9', '#AFF6CD'];
const UNKNOWN = '#CDCDCD';

function colourAt(rank: number, total: number): string {
  if (total <= 1) return BADNESS[0] as string;
  return BADNESS[
    Math.min(BADNESS.length - 1, Math.floor((rank / (total - 1)) * (BADNESS.length - 1)))
  ] as string;
}

/** The ECharts option of the length chart: one bar per length, an Unknown bar for uncracked accounts. */
export function lengthsOption(code: string, s: CredentialStatistics): Record<string, unknown> {
  const total = s.lengths.reduce((n, l) => n + l.count, 0);
  const known = s.lengths.filter((l) => l.length !== null);
  const bars = s.lengths.map((l) => ({
    value: l.count,
    itemStyle: { color: l.length === null ? UNKNOWN : colourAt(known.indexOf(l), known.length) },
    label: { show: true, position: 'top', formatter: `${l.count} (${percent(l.count, total)})` },
  }));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: `Password lengths (${code})`, left: 'center', textStyle: { fontFamily: 'Noto Sans' } },
    grid: { left: 60, right: 30, top: 60, bottom: 70 },
    xAxis: {
      type: 'category',
      name: 'Characters',
      nameLocation: 'middle',
      nameGap: 30,
      data: s.lengths.map((l) => (l.length === null ? 'Unknown' : String(l.length))),
    },
    yAxis: { type: 'value', name: 'Accounts', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: bars,
      },
    ],
  };
}

export const pngPasswordLengths = credentialReport({
  key: 'png-password-lengths',
  title: 'Password lengths chart',
  category: 'Charts',
  icon: 'chart-bar',
  description: 'Cracked accounts by password length, with the uncracked ones as Unknown (PNG or SVG).',
  output: 'chart',
  async render(ctx) {
    const stats = await ctx.credentials.stats();
    return {
      kind: 'chart',
      option: lengthsOption(ctx.engagement.code, stats),
      width: 900,
      height: 600,
      filename: `${ctx.engagement.code}-password-lengths`,
    };
  },
});
