/**
 * The look every chart shares, in the page and in the SVG / PNG downloads: the project's font and a
 * white background (a chart pasted into a document or shown in dark mode keeps its colours). A
 * plugin's own `textStyle` / `backgroundColor` win.
 */
export function withChartDefaults(option: Record<string, unknown>): Record<string, unknown> {
  return { textStyle: { fontFamily: 'Noto Sans' }, backgroundColor: '#ffffff', ...option };
}

/** The `format=echarts` body: what the report viewer draws as an interactive chart. */
export interface EchartsChartBody {
  option: Record<string, unknown>;
  width: number;
  height: number;
}

export const DEFAULT_CHART_WIDTH = 1000;
export const DEFAULT_CHART_HEIGHT = 600;
