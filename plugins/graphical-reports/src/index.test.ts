import { readFile, writeFile } from 'node:fs/promises';
import {
  createPluginTestHarness,
  OTHER_ENGAGEMENT_TEXT,
  type PluginTestHarness,
  seedReportFixtures,
  testDialects,
} from '@steppingstones/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.ts';

/** Compares with `__golden__/NAME`; `UPDATE_GOLDEN=1` rewrites it (review the diff). */
async function golden(name: string, text: string) {
  const file = new URL(`./__golden__/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) await writeFile(file, text);
  expect(text).toBe(await readFile(file, 'utf8'));
}

const KEYS = [
  'mitre-event-timeline',
  'daily-detections-and-preventions',
  'mitre-activity-heat-map',
  'mitre-detection-prevention-heat-map',
];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

describe.each(testDialects())('graphical-reports on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    await seedReportFixtures(h);
  });
  afterAll(() => h.dispose());

  for (const key of KEYS) {
    it(`${key}: the chart option matches its golden file; SVG and PNG decode at the chart's size`, async () => {
      const { output, text, rendered } = await h.renderEventReport(key);
      if (output.kind !== 'chart') throw new Error('expected a chart');
      await golden(`${key}.json`, `${JSON.stringify(output.option, null, 2)}\n`);
      expect(JSON.stringify(output.option)).not.toContain(OTHER_ENGAGEMENT_TEXT);
      expect(rendered.contentType).toContain('image/svg+xml');
      expect(text).toMatch(new RegExp(`<svg[^>]*width="${output.width}"[^>]*height="${output.height}"`));
      const png = await h.renderEventReport(key, { format: 'png' });
      expect(png.rendered.contentType).toContain('image/png');
      const bytes = png.rendered.body as Uint8Array;
      if (process.env.SAVE_CHARTS) await writeFile(`/tmp/${key}.png`, bytes);
      expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      const [w, hgt] = pngSize(bytes);
      expect(w / hgt).toBeCloseTo((output.width ?? 1000) / (output.height ?? 600), 1);
    });
  }

  it('daily chart: six categories with legend shares; an empty filter gives an empty chart', async () => {
    const { output } = await h.renderEventReport('daily-detections-and-preventions');
    if (output.kind !== 'chart') throw new Error('expected a chart');
    const series = output.option.series as { name: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual([
      'Neither Detected Nor Prevented 12.50%',
      'Unprevented (Detection Unknown) 0.00%',
      'Detected Only 25.00%',
      'Prevented Only 12.50%',
      'Prevented (Detection Unknown) 0.00%',
      'Both Detected and Prevented 25.00%',
    ]);
    const empty = await h.renderEventReport('daily-detections-and-preventions', {
      filter: { tag: 'no-such-tag' },
    });
    if (empty.output.kind !== 'chart') throw new Error('expected a chart');
    expect((empty.output.option.series as { data: number[] }[]).every((s) => s.data.length === 0)).toBe(true);
  });

  it('detection heat map: all-N/A cells are not applicable, technique-only events kept beside sub-techniques', async () => {
    const { output } = await h.renderEventReport('mitre-detection-prevention-heat-map', {
      params: { subtechniques: 'true' },
    });
    const json = JSON.stringify(output);
    expect(json).toContain(String.raw`T1566.001\nPhishing:\nSpearphishing\nAttachment (N/A)`);
    expect(json).toContain('"fill":"#DDDDDD"');
    expect(json).toMatch(/T1003\\nOS Credential/);
    expect(json).toMatch(/T1003\.006\\nOS Credential/);
    expect(json.indexOf('T1003\\n')).toBeLessThan(json.indexOf('T1003.006\\n'));
  });
});
