import { describe, expect, it } from 'vitest';
import {
  interactiveOption,
  parseChartBody,
  TOOLTIP_CLASS,
  tooltipContent,
  unsupportedParts,
} from './chart-option.ts';

const formatter = () => ({}) as HTMLElement;

describe('interactive charts in the report viewer', () => {
  it('reads the format=echarts answer and refuses anything else', () => {
    expect(parseChartBody('{"option":{"series":[]},"width":1000,"height":600}')).toEqual({
      option: { series: [] },
      width: 1000,
      height: 600,
    });
    expect(() => parseChartBody('{"option":null,"width":1,"height":1}')).toThrow(/did not send/);
    expect(() => parseChartBody('<svg/>')).toThrow();
  });

  it('names what the page does not load, so such charts fall back to the SVG', () => {
    expect(unsupportedParts({ series: [{ type: 'bar' }, { type: 'scatter' }], legend: {} })).toEqual([]);
    expect(unsupportedParts({ graphic: { elements: [] } })).toEqual([]);
    expect(
      unsupportedParts({ series: [{ type: 'sankey' }, { type: 'sankey' }], visualMap: {}, dataZoom: [] }),
    ).toEqual(['series "sankey"', 'visualMap', 'dataZoom']);
  });

  it("adds a confined tooltip with the page's own formatter; a plugin's HTML template is not used", () => {
    const bars = interactiveOption(
      { series: [{ type: 'bar' }], tooltip: { formatter: '<b style="x">{b}</b>', backgroundColor: '#eee' } },
      formatter,
    );
    expect(bars.tooltip).toEqual({
      formatter,
      backgroundColor: '#eee',
      show: true,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      className: TOOLTIP_CLASS,
      renderMode: 'html',
    });
    const dots = interactiveOption({ series: { type: 'scatter' } }, formatter);
    expect(dots.tooltip).toMatchObject({ trigger: 'item', confine: true });
    expect(
      interactiveOption({ series: [{ type: 'bar' }], tooltip: { show: false } }, formatter).tooltip,
    ).toMatchObject({
      show: false,
    });
    // Drawings without series (the heat maps) are left as they are.
    const grid = { graphic: { elements: [] } };
    expect(interactiveOption(grid, formatter)).toBe(grid);
  });

  it('tooltip text: the day and each non-empty stack part; a timeline tick in UTC', () => {
    expect(
      tooltipContent([
        { seriesName: 'Neither 12.50%', axisValueLabel: '2026-01-06', value: 1, color: '#E97590' },
        { seriesName: 'Detected Only 25.00%', axisValueLabel: '2026-01-06', value: 0, color: '#F7D793' },
        { seriesName: 'Both 25.00%', axisValueLabel: '2026-01-06', value: 1234, color: '#AFF6CD' },
      ]),
    ).toEqual({
      title: '2026-01-06',
      rows: [
        { series: 'Neither 12.50%', color: '#E97590', value: '1' },
        { series: 'Both 25.00%', color: '#AFF6CD', value: (1234).toLocaleString() },
      ],
    });
    expect(
      tooltipContent({
        seriesName: 'TA0001',
        name: '',
        value: ['2026-01-06T09:15:00Z', 'TA0001\nInitial Access'],
        color: { type: 'linear' },
      }),
    ).toEqual({
      title: '',
      rows: [{ series: 'TA0001', color: null, value: '2026-01-06 09:15 UTC · TA0001 Initial Access' }],
    });
  });
});
