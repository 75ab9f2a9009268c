// What the report viewer does with a chart report's ECharts option (`format=echarts`) before drawing
// it in the page. Pure functions, so they are tested without a browser.

/** The `format=echarts` answer of a chart report. */
export interface ChartBody {
  option: Record<string, unknown>;
  width: number;
  height: number;
}

/** Series types the page loads (see echarts-setup.ts); the shipped charts use bar and scatter. */
export const SUPPORTED_SERIES = new Set(['bar', 'line', 'scatter', 'pie']);

/**
 * ECharts components the page does not load, to keep the bundle small. A chart that uses one is shown
 * as the server's SVG instead, which always renders the whole option.
 */
const UNSUPPORTED_COMPONENTS = [
  'visualMap',
  'dataZoom',
  'toolbox',
  'brush',
  'timeline',
  'polar',
  'angleAxis',
  'radiusAxis',
  'radar',
  'geo',
  'parallel',
  'parallelAxis',
  'singleAxis',
  'calendar',
  'matrix',
  'thumbnail',
];

/** The CSS class of the tooltip element (the e2e tests and reports.module.css find it by it). */
export const TOOLTIP_CLASS = 'report-chart-tooltip';

/** Reads a `format=echarts` answer; anything else is not a chart the page can draw. */
export function parseChartBody(text: string): ChartBody {
  const body = JSON.parse(text) as Partial<ChartBody>;
  if (
    !body ||
    typeof body.option !== 'object' ||
    body.option === null ||
    typeof body.width !== 'number' ||
    typeof body.height !== 'number'
  )
    throw new Error('The chart report did not send an ECharts option.');
  return body as ChartBody;
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** What the page cannot draw in this option (series types and components), e.g. `series "sankey"`. */
export function unsupportedParts(option: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const series of asList(option.series)) {
    const type = (series as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && !SUPPORTED_SERIES.has(type)) parts.push(`series "${type}"`);
  }
  for (const key of UNSUPPORTED_COMPONENTS) if (option[key] !== undefined) parts.push(key);
  return [...new Set(parts)];
}

/**
 * The option as the page draws it: the plugin's option with a tooltip (the value under the pointer;
 * one row per series for bars and lines) kept inside the chart. The tooltip's text is built by the page
 * (`formatter`), never from a plugin's HTML template: the page's CSP allows no inline styles and
 * report text is never markup.
 */
export function interactiveOption(
  option: Record<string, unknown>,
  formatter: (params: unknown) => HTMLElement,
): Record<string, unknown> {
  const series = asList(option.series) as { type?: string }[];
  if (!series.length) return option;
  const own = (option.tooltip ?? {}) as Record<string, unknown>;
  const byAxis = series.some((s) => s.type === 'bar' || s.type === 'line');
  const trigger = own.trigger === 'axis' || own.trigger === 'item' ? own.trigger : byAxis ? 'axis' : 'item';
  return {
    ...option,
    tooltip: {
      ...own,
      show: own.show !== false,
      trigger,
      ...(trigger === 'axis' ? { axisPointer: { type: 'shadow' } } : {}),
      // Inside the chart: no arrow (an arrow is injected as HTML with inline styles).
      confine: true,
      className: TOOLTIP_CLASS,
      renderMode: 'html',
      formatter,
    },
  };
}

/** One row of a tooltip: the series (with its colour) and the value shown. */
export interface TooltipRow {
  series: string;
  color: string | null;
  value: string;
}

export interface TooltipContent {
  title: string;
  rows: TooltipRow[];
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value as a reader wants it: ISO times as `YYYY-MM-DD HH:MM UTC` (reports are in UTC). */
function showValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(showValue).join(' · ');
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    }
    return value.replace(/\s*\n\s*/g, ' ');
  }
  if (typeof value === 'number') return value.toLocaleString();
  if (value && typeof value === 'object' && 'value' in value) return showValue(value.value);
  return value === null || value === undefined ? '' : String(value);
}

interface TooltipParam {
  seriesName?: string;
  name?: string;
  axisValueLabel?: string;
  value?: unknown;
  color?: unknown;
}

/**
 * The tooltip's content from ECharts' formatter parameters: one entry (item) or one per series
 * (axis; empty stack parts left out).
 */
export function tooltipContent(params: unknown): TooltipContent {
  const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
  const first = list[0] ?? {};
  const byAxis = Array.isArray(params);
  const rows = list
    .filter((p) => !byAxis || (p.value !== 0 && p.value !== null && p.value !== undefined && p.value !== '-'))
    .map((p) => ({
      series: p.seriesName ?? '',
      color: typeof p.color === 'string' ? p.color : null,
      value: showValue(p.value),
    }));
  const title = byAxis ? (first.axisValueLabel ?? first.name ?? '') : (first.name ?? '');
  return { title: title.replace(/\s*\n\s*/g, ' '), rows };
}
