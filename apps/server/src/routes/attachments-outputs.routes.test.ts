// Attachments in every output a reader gets besides the attachments API: the grid row, the HTML event
// log report and the PDF (images), the CSV and XLSX exports (names and hashes) and the search (text of
// terminal recordings and text files). The blue team sees shared attachments only, in each of them.
import { reindexEventSearch } from '@steppingstones/core/events';
import { testDialects } from '@steppingstones/db/testing';
import type { EventDto } from '@steppingstones/shared/events';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/index.ts';
import { PNG_1X1, uploadAttachment } from './attachments.fixture.ts';
import {
  createEvent,
  type EventWorld,
  PLANTED_EVIDENCE,
  PLANTED_HASH,
  startEventWorld,
} from './events.fixture.ts';

const q = encodeURIComponent;

/** A terminal recording (asciicast v2) whose output holds a word found nowhere else. */
const CAST = [
  JSON.stringify({ version: 2, width: 80, height: 24, env: { TERM: 'framingword' } }),
  JSON.stringify([0.2, 'o', '\u001b[1;31mroot@dc01\u001b[0m# ']),
  JSON.stringify([1.1, 'o', 'secretsdump quokkaword done\r\n']),
].join('\n');

describe.each(testDialects())(
  'attachments in grid, reports, exports and search on %s',
  { timeout: 300_000 },
  (dialect) => {
    let w: EventWorld;
    let event: EventDto;
    let plain: EventDto;
    const ids: Record<string, number> = {};

    async function upload(name: string, body: Buffer | string, shared: boolean) {
      const res = await uploadAttachment(w.alice, event.id, name, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[name] = res.body.id;
      if (shared)
        expect((await w.alice.patch(`/api/v1/attachments/${res.body.id}/`, { shared: true })).status).toBe(
          200,
        );
    }

    beforeAll(async () => {
      w = await startEventWorld(dialect);
      plain = await createEvent(w.alice, {
        timestamp: '2026-03-01T09:00:00Z',
        description: 'Recon, nothing attached',
      });
      event = await createEvent(w.alice, { description: 'Dumped the SAM database' });
      await upload('shared-shot.png', PNG_1X1, true);
      await upload('red-only-shot.png', PNG_1X1, false);
      await upload('session.cast', CAST, false);
      await upload('loot.txt', `found wombatword in the share\n${PLANTED_EVIDENCE}\n`, true);
    }, 300_000);
    afterAll(() => w?.stop());

    const rowOf = async (c: ApiClient, id: number) => {
      const res = await c.get<{ results: EventDto[] }>('/api/v1/events/?engagement=ACME');
      expect(res.status).toBe(200);
      return res.body.results.find((e) => e.id === id)!;
    };

    it('gives grid rows the count and first three attachments each reader may see', async () => {
      const red = await rowOf(w.alice, event.id);
      expect(red.attachment_count).toBe(4);
      expect(red.attachments).toEqual([
        { id: ids['shared-shot.png'], filename: 'shared-shot.png', content_type: 'image/png' },
        { id: ids['red-only-shot.png'], filename: 'red-only-shot.png', content_type: 'image/png' },
        { id: ids['session.cast'], filename: 'session.cast', content_type: 'application/x-asciicast' },
      ]);
      for (const c of [w.blue, w.limited]) {
        const blue = await rowOf(c, event.id);
        expect(blue.attachment_count).toBe(2);
        expect(blue.attachments.map((a) => a.filename)).toEqual(['shared-shot.png', 'loot.txt']);
        expect((await c.get<EventDto>(`/api/v1/events/${event.id}/`)).body.attachment_count).toBe(2);
      }
      expect((await rowOf(w.alice, plain.id)).attachments).toEqual([]);
    });

    const exportOf = async (c: ApiClient, format: string, extra = '') => {
      const res = await fetch(
        `${w.server.url}/api/v1/events/export/?engagement=ACME&format=${format}${extra}`,
        {
          headers: { cookie: c.cookie ?? '' },
        },
      );
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };

    it('lists attachment names and hashes in a CSV and XLSX column, shared ones only for the blue team', async () => {
      const listed = async (c: ApiClient) => {
        const rows = parse((await exportOf(c, 'csv')).toString('utf8')) as string[][];
        const col = rows[0]!.indexOf('Attachments');
        expect(col).toBe(rows[0]!.length - 1);
        return rows.slice(1).map((r) => (r[col] ? JSON.parse(r[col]!) : []));
      };
      const sha = (name: string) =>
        w.alice
          .get<{ results: Array<{ id: number; sha256: string }> }>(`/api/v1/events/${event.id}/attachments/`)
          .then((r) => r.body.results.find((a) => a.id === ids[name])!.sha256);
      const red = await listed(w.alice);
      expect(red[0]).toEqual([]);
      expect(red[1]).toEqual([
        { filename: 'shared-shot.png', sha256: await sha('shared-shot.png') },
        { filename: 'red-only-shot.png', sha256: await sha('red-only-shot.png') },
        { filename: 'session.cast', sha256: await sha('session.cast') },
        { filename: 'loot.txt', sha256: await sha('loot.txt') },
      ]);
      for (const c of [w.blue, w.limited])
        expect((await listed(c))[1].map((a: { filename: string }) => a.filename)).toEqual([
          'shared-shot.png',
          'loot.txt',
        ]);

      const xlsx = async (c: ApiClient) => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(new Uint8Array(await exportOf(c, 'xlsx')).buffer);
        const sheet = book.getWorksheet('Events')!;
        const header = (sheet.getRow(1).values as string[]).slice(1);
        const col = header.indexOf('Attachments') + 1;
        expect(col).toBe(header.length);
        return String(sheet.getRow(3).getCell(col).value ?? '');
      };
      expect(JSON.parse(await xlsx(w.alice)).map((a: { filename: string }) => a.filename)).toEqual([
        'shared-shot.png',
        'red-only-shot.png',
        'session.cast',
        'loot.txt',
      ]);
      expect(JSON.parse(await xlsx(w.blue)).map((a: { filename: string }) => a.filename)).toEqual([
        'shared-shot.png',
        'loot.txt',
      ]);
    });

    /** Images drawn in a PDF: pdfkit names each `/I<n>` in its pages' resources (a PNG's alpha mask is not one). */
    const pdfImages = (pdf: Buffer) => new Set(pdf.toString('latin1').match(/\/I\d+ \d+ 0 R/g)).size;

    it('embeds images in the PDF only when asked, shared ones only for the blue team', async () => {
      expect(pdfImages(await exportOf(w.alice, 'pdf'))).toBe(0);
      expect(pdfImages(await exportOf(w.alice, 'pdf', '&images=false'))).toBe(0);
      expect(pdfImages(await exportOf(w.alice, 'pdf', '&images=true'))).toBe(2);
      expect(pdfImages(await exportOf(w.blue, 'pdf', '&images=true'))).toBe(1);
      expect(pdfImages(await exportOf(w.limited, 'pdf', '&images=1'))).toBe(1);
      const bad = await w.alice.get(`/api/v1/events/export/?engagement=ACME&format=pdf&images=maybe`);
      expect(bad.status).toBe(400);
    });

    const htmlReport = async (c: ApiClient, extra = '') => {
      const res = await c.get<string>(
        `/api/v1/reports/html-reports/html-event-logs/?engagement=ACME${extra}`,
      );
      expect(res.status).toBe(200);
      return res;
    };
    const images = (html: string) => [
      ...html.matchAll(/<img src="data:image\/png;base64,([^"]+)" alt="([^"]+)"/g),
    ];

    it('embeds images in the HTML event log only when asked, as data URIs its sandbox allows', async () => {
      const off = await htmlReport(w.alice);
      expect(off.body).not.toContain('<img');
      const on = await htmlReport(w.alice, '&includeImages=true');
      expect(on.headers.get('content-security-policy')).toContain('img-src data:;');
      expect(on.headers.get('content-security-policy')).toContain("default-src 'none'");
      const found = images(on.body);
      expect(found.map((m) => m[2])).toEqual(['shared-shot.png', 'red-only-shot.png']);
      expect(Buffer.from(found[0]![1]!, 'base64').equals(PNG_1X1)).toBe(true);
      for (const c of [w.blue, w.limited])
        expect(images((await htmlReport(c, '&includeImages=true')).body).map((m) => m[2])).toEqual([
          'shared-shot.png',
        ]);
    });

    it('offers the images parameter with a label and help text, off by default', async () => {
      const res = await w.alice.get<{
        results: Array<{ key: string; params: { properties: Record<string, unknown> } }>;
      }>('/api/v1/plugin-points/?type=event-report');
      const point = res.body.results.find((p) => p.key === 'html-event-logs')!;
      expect(point.params.properties.includeImages).toMatchObject({
        type: 'boolean',
        default: false,
        title: 'Include images',
        description: expect.stringContaining('blue team'),
      });
    });

    const search = async (c: ApiClient, term: string) => {
      const res = await c.get<{ results: EventDto[] }>(`/api/v1/events/?engagement=ACME&search=${q(term)}`);
      expect(res.status).toBe(200);
      return res.body.results.map((e) => e.id);
    };

    it('finds events by the output of a terminal recording, never by its JSON framing', async () => {
      expect(await search(w.alice, 'quokkaword')).toEqual([event.id]);
      expect(await search(w.alice, 'secretsdump quokkaword')).toEqual([event.id]);
      expect(await search(w.alice, 'framingword')).toEqual([]);
    });

    it('lets the blue team find only through shared attachments and never by a masked secret', async () => {
      for (const c of [w.blue, w.limited]) {
        expect(await search(c, 'wombatword')).toEqual([event.id]);
        expect(await search(c, 'quokkaword')).toEqual([]);
        expect(await search(c, 'red-only-shot')).toEqual([]);
        expect(await search(c, PLANTED_HASH)).toEqual([]);
      }
      expect(await search(w.alice, PLANTED_HASH)).toEqual([event.id]);
      expect(await search(w.alice, 'red-only-shot')).toEqual([event.id]);
    });

    it('follows sharing and removal, and a full reindex keeps attachment text searchable', async () => {
      const cast = `/api/v1/attachments/${ids['session.cast']}/`;
      expect((await w.alice.patch(cast, { shared: true })).status).toBe(200);
      expect(await search(w.blue, 'quokkaword')).toEqual([event.id]);
      expect(await search(w.blue, 'framingword')).toEqual([]);

      await reindexEventSearch(w.server.ctx.database.db, { engagement: 'ACME' });
      expect(await search(w.blue, 'quokkaword')).toEqual([event.id]);
      expect(await search(w.alice, 'wombatword')).toEqual([event.id]);

      expect((await w.alice.patch(cast, { shared: false })).status).toBe(200);
      expect(await search(w.blue, 'quokkaword')).toEqual([]);
      expect((await w.alice.del(cast)).status).toBe(204);
      expect(await search(w.alice, 'quokkaword')).toEqual([]);
    });
  },
);
