import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH, withChartDefaults } from './chart-option.ts';

const require = createRequire(import.meta.url);
/** A full TTF (WOFF subsets do not load reliably in resvg), so non-Latin host names render too. */
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');

/**
 * PNG pixels per SVG pixel. Charts are laid out for a 1000 px wide report page; twice that keeps them
 * sharp when pasted into Word and printed (the original's matplotlib figures were ~1920 px wide).
 */
export const PNG_SCALE = 2;

/**
 * Where the CJK fonts of common distributions live (Debian/Ubuntu `fonts-noto-cjk`, Alpine
 * `font-noto-cjk`, Fedora `google-noto-sans-cjk-fonts`). The bundled Noto Sans has no CJK glyphs and a
 * full CJK font is too big to ship, so the system's is used when present.
 */
const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
];

/** Han, kana, Hangul, CJK punctuation and full-width forms: text the bundled font draws as boxes. */
const CJK_TEXT =
  /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}]/u;

/**
 * The fallback fonts for CJK text: `CHART_FONT_FILES` (paths separated by `:`) when set, else the
 * first CJK font of the known system locations. Empty when none is installed (CJK then shows as boxes).
 */
export function cjkFallbackFonts(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.CHART_FONT_FILES?.split(':').filter(Boolean);
  if (configured?.length) return configured.filter((file) => existsSync(file));
  const found = CJK_FONT_CANDIDATES.find((file) => existsSync(file));
  return found ? [found] : [];
}

/** Renders an ECharts option to SVG on the server (no DOM, no animation). */
export function chartToSvg(
  option: Record<string, unknown>,
  width = DEFAULT_CHART_WIDTH,
  height = DEFAULT_CHART_HEIGHT,
): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...withChartDefaults(option), animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Rasterises an SVG to PNG at `PNG_SCALE` with the bundled font, so a chart looks the same on every
 * machine. A CJK font is loaded only for SVGs with CJK text (parsing one costs tens of milliseconds);
 * resvg falls back to it per character.
 */
export function svgToPng(svg: string, fallbackFonts: () => string[] = cjkFallbackFonts): Uint8Array {
  const fonts = CJK_TEXT.test(svg) ? [FONT_FILE, ...fallbackFonts()] : [FONT_FILE];
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: 'Noto Sans' },
  });
  return resvg.render().asPng();
}
