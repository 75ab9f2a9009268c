import { readFile, writeFile } from 'node:fs/promises';
import {
  createPluginTestHarness,
  decodePng,
  OTHER_ENGAGEMENT_TEXT,
  type PluginTestHarness,
  parseSvg,
  seedReportFixtures,
  testDialects,
} from '@steppingstones/plugin-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADNESS, interpolate } from './colours.ts';
import { mondayTicks, weekends } from './event-timeline.ts';
import plugin from './index.ts';
import { OUTCOMES } from './outcomes.ts';

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

/** PNG pixels per chart pixel: charts are drawn at twice their size so they print sharply. */
const PNG_SCALE = 2;

/** The fill of the heat-map cell whose label starts with `id` (each cell is a rect, then its text). */
function cellFill(option: Record<string, unknown>, id: string): string | undefined {
  const elements = (option.graphic as { elements: { type: string; style: Record<string, unknown> }[] })
    .elements;
  const label = elements.findIndex((e) => e.type === 'text' && String(e.style.text).startsWith(`${id}\n`));
  const cell = elements[label - 1];
  return cell?.type === 'rect' ? String(cell.style.fill) : undefined;
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
      const svg = parseSvg(text);
      expect([svg.width, svg.height]).toEqual([output.width, output.height]);
      expect(svg.viewBox).toEqual([0, 0, output.width, output.height]);
      const png = await h.renderEventReport(key, { format: 'png' });
      expect(png.rendered.contentType).toContain('image/png');
      const bytes = png.rendered.body as Uint8Array;
      if (process.env.SAVE_CHARTS) await writeFile(`/tmp/${key}.png`, bytes);
      const image = decodePng(bytes);
      expect([image.width, image.height]).toEqual([
        (output.width ?? 0) * PNG_SCALE,
        (output.height ?? 0) * PNG_SCALE,
      ]);
      // Drawn, not blank: the white background with the chart's ink on it.
      expect([...image.pixels.slice(0, 4)]).toEqual([255, 255, 255, 255]);
      expect(image.pixels.some((v, i) => i % 4 !== 3 && v < 100)).toBe(true);
    });
  }

  it('the ECharts format carries the option as JSON for the interactive viewer', async () => {
    const { output, rendered, text } = await h.renderEventReport('daily-detections-and-preventions', {
      format: 'echarts',
    });
    if (output.kind !== 'chart') throw new Error('expected a chart');
    expect(rendered.contentType).toBe('application/json; charset=utf-8');
    expect(rendered.filename).toBe('TEST-1-daily-detections.echarts.json');
    const body = JSON.parse(text);
    expect(body).toEqual({
      option: { textStyle: { fontFamily: 'Noto Sans' }, backgroundColor: '#ffffff', ...output.option },
      width: 1000,
      height: 600,
    });
  });

  it('activity heat map with sub-techniques broken out matches its golden file', async () => {
    const { output } = await h.renderEventReport('mitre-activity-heat-map', {
      params: { subtechniques: 'true' },
    });
    if (output.kind !== 'chart') throw new Error('expected a chart');
    await golden('mitre-activity-heat-map.subtechniques.json', `${JSON.stringify(output.option, null, 2)}\n`);
    const json = JSON.stringify(output.option);
    expect(json).toContain('Sub-techniques broken out');
    expect(json).toMatch(/T1566\.001\\nPhishing:/);
    expect(json).not.toContain(OTHER_ENGAGEMENT_TEXT);
  });

  it('needs report.view besides event.view', async () => {
    for (const key of KEYS) {
      await expect(h.renderEventReport(key, { permissions: ['event.view', 'context.view'] })).rejects.toThrow(
        /Permission denied.*report\.view/,
      );
      await expect(h.renderEventReport(key, { permissions: ['report.view'] })).rejects.toThrow(/event\.view/);
      await expect(
        h.renderEventReport(key, { permissions: ['event.view', 'report.view'] }),
      ).resolves.toBeTruthy();
    }
  });

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

/** A technique used once Detected Only and once Prevented Only, on events two weeks apart. */
describe.each(testDialects())('graphical-reports, a tie over two weeks, on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    const base = {
      source: { host: 'WS042', user: 'alice' },
      target: { host: 'WS042' },
      mitre_attack_tactic: 'TA0002',
      mitre_attack_technique: 'T1059',
    } as const;
    await h.addEvent({
      ...base,
      timestamp: '2026-01-07T10:00:00Z',
      description: 'Ran a PowerShell cradle; an alert fired, nothing was blocked',
      detected: 'PAR',
      prevented: 'NEG',
    });
    await h.addEvent({
      ...base,
      timestamp: '2026-01-21T15:00:00Z',
      description: 'Ran it again; blocked without an alert',
      detected: 'NEG',
      prevented: 'FUL',
    });
  });
  afterAll(() => h.dispose());

  it('detection heat map: one Detected Only and one Prevented Only is Detected Only (ties to the worse)', async () => {
    const detectedOnly = OUTCOMES.find((o) => o.key === 'detected-only');
    const preventedOnly = OUTCOMES.find((o) => o.key === 'prevented-only');
    expect([detectedOnly?.score, preventedOnly?.score]).toEqual([0.4, 0.6]);
    expect(interpolate(BADNESS, 0.4)).toBe('#f7d793');
    expect(interpolate(BADNESS, 0.6)).toBe('#f7edaf');
    for (const subtechniques of ['false', 'true']) {
      const { output } = await h.renderEventReport('mitre-detection-prevention-heat-map', {
        params: { subtechniques },
      });
      if (output.kind !== 'chart') throw new Error('expected a chart');
      expect(cellFill(output.option, 'T1059')).toBe('#f7d793');
    }
    // Either event alone gives its own outcome.
    const alone = await h.renderEventReport('mitre-detection-prevention-heat-map', {
      filter: { prevented: 'FUL' },
    });
    if (alone.output.kind !== 'chart') throw new Error('expected a chart');
    expect(cellFill(alone.output.option, 'T1059')).toBe('#f7edaf');
  });

  it('timeline over two weeks: Monday ticks and the weekends in between shaded', async () => {
    const { output } = await h.renderEventReport('mitre-event-timeline');
    if (output.kind !== 'chart') throw new Error('expected a chart');
    // The harness's own events start the span (6 January, 09:15).
    const first = Date.parse('2026-01-06T09:15:00Z');
    const last = Date.parse('2026-01-21T15:00:00Z');
    const xAxis = output.option.xAxis as {
      axisLabel: { customValues: number[] };
      axisTick: { customValues: number[] };
    };
    expect(xAxis.axisLabel.customValues).toEqual(mondayTicks(first, last));
    expect(xAxis.axisTick.customValues).toEqual(xAxis.axisLabel.customValues);
    expect(xAxis.axisLabel.customValues).toHaveLength(4);
    const shading = (
      output.option.series as {
        name: string;
        markArea?: { data: [{ xAxis: number }, { xAxis: number }][] };
      }[]
    ).find((s) => s.name === 'Weekends');
    expect(shading?.markArea?.data.map(([a, b]) => [a.xAxis, b.xAxis])).toEqual(weekends(first, last));
    expect(shading?.markArea?.data).toHaveLength(4);
  });
});
