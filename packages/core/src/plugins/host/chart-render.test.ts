import { describe, expect, it } from 'vitest';
import { decodePng, parseSvg } from '../testing/chart-images.ts';
import { chartToSvg, cjkFallbackFonts, PNG_SCALE, svgToPng } from './chart-render.ts';

/** A bar chart whose only category is a host name: what a report shows per host. */
function hostChart(host: string): string {
  return chartToSvg(
    {
      xAxis: { type: 'category', data: [host], axisLabel: { fontSize: 28 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: [3] }],
    },
    400,
    200,
  );
}

/** Text alone on white, as PNG pixels. */
function textImage(text: string, fallbackFonts?: () => string[]) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="#fff"/><text x="10" y="44" font-family="Noto Sans" font-size="36" fill="#000">${text}</text></svg>`;
  return decodePng(svgToPng(svg, fallbackFonts));
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
/** Pixels darker than mid-grey: the ink of the glyphs. */
const ink = (pixels: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) n++;
  return n;
};

describe('chart images', () => {
  it(`PNG: exactly ${PNG_SCALE}x the SVG's size, so charts pasted into Word stay sharp`, () => {
    const svg = chartToSvg({ xAxis: { type: 'category', data: ['a'] }, yAxis: {}, series: [] }, 1000, 640);
    const root = parseSvg(svg);
    expect([root.width, root.height]).toEqual([1000, 640]);
    expect(root.viewBox).toEqual([0, 0, 1000, 640]);
    const png = decodePng(svgToPng(svg));
    expect([png.width, png.height]).toEqual([2000, 1280]);
    // The background is the chart's white, not transparency.
    expect([...png.pixels.slice(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it('the decoder refuses a damaged PNG', () => {
    const bytes = svgToPng(hostChart('DC01'));
    const damaged = new Uint8Array(bytes);
    damaged[40] = (damaged[40] ?? 0) ^ 0xff;
    expect(() => decodePng(damaged)).toThrow(/^PNG: /);
    expect(() => decodePng(bytes.slice(0, bytes.length - 12))).toThrow(/^PNG: /);
  });

  describe('CJK host names', () => {
    it('a CJK font of the system is found (Debian: apt-get install fonts-noto-cjk; or CHART_FONT_FILES)', () => {
      expect(cjkFallbackFonts()).not.toEqual([]);
      expect(cjkFallbackFonts({ CHART_FONT_FILES: '/nonexistent/font.ttc' })).toEqual([]);
    });

    it('render as glyphs, not as the empty boxes of a missing glyph (tofu)', () => {
      // U+E000 (private use) is in no font: it is drawn as the box every missing glyph gets.
      const box = textImage('\uE000\uE000');
      const tokyo = textImage('東京');
      const seoul = textImage('서울');
      // Without the fallback the names are boxes: the check below can tell tofu apart.
      expect(same(textImage('東京', () => []).pixels, box.pixels)).toBe(true);
      expect(same(tokyo.pixels, box.pixels)).toBe(false);
      expect(same(seoul.pixels, box.pixels)).toBe(false);
      expect(same(tokyo.pixels, seoul.pixels)).toBe(false);
      // Real glyphs carry more ink than two outlined boxes.
      expect(ink(tokyo.pixels)).toBeGreaterThan(ink(box.pixels) * 1.5);
      expect(ink(seoul.pixels)).toBeGreaterThan(ink(box.pixels) * 1.5);
    });

    it('in a chart: the axis label of 東京-DC01 differs from the same label in boxes', () => {
      const real = decodePng(svgToPng(hostChart('東京-DC01')));
      const tofu = decodePng(svgToPng(hostChart('\uE000\uE000-DC01')));
      expect([real.width, real.height]).toEqual([800, 400]);
      expect(same(real.pixels, tofu.pixels)).toBe(false);
      expect(ink(real.pixels)).toBeGreaterThan(ink(tofu.pixels));
      expect(parseSvg(hostChart('東京-DC01')).texts).toContain('東京-DC01');
    });
  });
});
