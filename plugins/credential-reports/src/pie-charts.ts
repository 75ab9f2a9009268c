import { type CountedValue, type CredentialStatistics, credentialReport } from '@steppingstones/plugin-sdk';
import { percent } from './percent.ts';

/** Worst to best by rank (complexity) and an intensity scale (structure); uncracked is grey. */
const BADNESS = ['#E97590', '#F0A38C', '#F7D089', '#F7F4B9', '#D3F5C3', '#AFF6CD'];
const INTENSITY = ['#E9F3F1', '#B9E1EE', '#A0C4F0', '#B7A5F0', '#C881EC'];
const UNKNOWN = '#CDCDCD';

export function pieOption(title: string, slices: CountedValue[], palette: string[]): Record<string, unknown> {
  const total = slices.reduce((n, s) => n + s.count, 0);
  const known = slices.filter((s) => s.value !== 'uncracked');
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: title, left: 'center' },
    legend: { orient: 'vertical', left: 10, top: 60 },
    series: [
      {
        type: 'pie',
        radius: '60%',
        center: ['62%', '55%'],
        label: { show: true },
        data: slices.map((s) => ({
          name: `${s.value}: ${s.count} (${percent(s.count, total)})`,
          value: s.count,
          itemStyle: {
            color:
              s.value === 'uncracked'
                ? UNKNOWN
                : (palette[Math.min(palette.length - 1, known.indexOf(s))] as string),
          },
        })),
      },
    ],
  };
}

const chart = (
  key: string,
  title: string,
  pick: (s: CredentialStatistics) => CountedValue[],
  palette: string[],
) =>
  credentialReport({
    key,
    title,
    category: 'Charts',
    icon: 'chart-pie',
    description: `Accounts by password ${title.toLowerCase().replace('password ', '')} (PNG or SVG).`,
    output: 'chart',
    async render(ctx) {
      const stats = await ctx.credentials.stats();
      return {
        kind: 'chart',
        option: pieOption(`${title} (${ctx.engagement.code})`, pick(stats), palette),
        width: 1000,
        height: 700,
        filename: `${ctx.engagement.code}-${key}`,
      };
    },
  });

export const chartPasswordComplexity = chart(
  'chart-password-complexity',
  'Password complexity',
  (s) => s.complexity,
  BADNESS,
);
export const chartPasswordStructure = chart(
  'chart-password-structure',
  'Password structure',
  (s) => s.structure,
  INTENSITY,
);
