import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

const require = createRequire(import.meta.url);
/** A full TTF (WOFF subsets do not load reliably in resvg), so non-Latin host names render too. */
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');

/** Renders an ECharts option to SVG on the server (no DOM, no animation). */
export function chartToSvg(option: Record<string, unknown>, width = 1000, height = 600): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      textStyle: { fontFamily: 'Noto Sans' },
      backgroundColor: '#ffffff',
      ...option,
      animation: false,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Rasterises an SVG to PNG with the bundled font, so a chart looks the same on every machine. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'Noto Sans' },
  });
  return resvg.render().asPng();
}
