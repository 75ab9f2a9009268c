import { testDialects } from '@steppingstones/db/testing';
import { eventListQuerySchema } from '@steppingstones/shared/events';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, deleteEvent, listEvents } from '../events/index.ts';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { streamEventsCsv } from './csv-export-stream.ts';
import { eventsCsv } from './event-csv.ts';
import { exportEventPages } from './export-rows.ts';

const HASH = 'svc_sql:1104:aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c:::';

describe.each(testDialects())('export walk on %s', (dialect) => {
  let ctx: TestContext;
  let red: Principal;
  let blue: Principal;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: red } = await arrangeOperator(ctx.services(), ['EXP', 'OTHER']));
    blue = { ...red, permissions: new Set(['event.view']) };
    // Several events share a start time, so pages must break ties by id; one is deleted.
    const times = ['08:00', '09:00', '09:00', '09:00', '07:30', '09:00', '10:15', '09:00'];
    for (const [i, time] of times.entries()) {
      const e = await createEvent(ctx.services(), red, {
        engagement: 'EXP',
        timestamp: `2026-03-01T${time}:00Z`,
        source: { host: `WS${i}` },
        target: { host: 'DC01', user: 'CORP\\admin' },
        description: `Event ${i}`,
        raw_evidence: i === 2 ? `secretsdump\n${HASH}` : `line one\nline two ${i}`,
        detected: i % 2 ? 'FUL' : 'NEG',
        tags: i === 1 ? ['zeta', 'Alpha'] : [],
        // One starred event with files, late in the walk (so the export thread writes it in the test below).
        ...(i === 6
          ? {
              starred: true,
              files: [
                { filename: 'dümp.exe', size: 10, description: `dump ${HASH}`, location: 'C:\\loot' },
                { filename: 'gone.txt', removed: true },
              ],
            }
          : {}),
      });
      if (i === 5) await deleteEvent(ctx.services(), red, e.id);
    }
    await createEvent(ctx.services(), red, {
      engagement: 'OTHER',
      timestamp: '2026-03-01T09:00:00Z',
      source: { host: 'ELSEWHERE' },
      target: { host: 'DC99' },
      description: 'Another client',
    });
  });
  afterAll(() => ctx.dispose());

  const walk = async (principal: Principal, filter: Record<string, unknown>, pageSize: number) => {
    const events = [];
    for await (const page of exportEventPages(ctx.database.db, principal, filter, { pageSize }))
      events.push(...page.events);
    return events;
  };

  it('walks every event of the filter across pages in the grid order, oldest first', async () => {
    const grid = await listEvents(
      ctx.database.db,
      red,
      eventListQuerySchema.parse({ engagement: 'EXP', sort: 'timestamp', page_size: 100 }),
    );
    const expected = grid.results.map((e) => e.description);
    expect(expected).toHaveLength(7);
    for (const pageSize of [1, 2, 3, 100]) {
      const events = await walk(red, { engagement: 'EXP' }, pageSize);
      expect(events.map((e) => e.description)).toEqual(expected);
    }
    const first = (await walk(red, { engagement: 'EXP' }, 2))[0];
    expect(first).toMatchObject({
      timestamp: '2026-03-01T07:30:00.000Z',
      operator: 'alice',
      source: { host: 'WS4', user: '', process: '' },
      target: { host: 'DC01', user: 'CORP\\admin' },
    });
    const tagged = (await walk(red, { engagement: 'EXP' }, 2)).find((e) => e.description === 'Event 1');
    expect(tagged?.tags).toEqual(['Alpha', 'zeta']);
    const all = await walk(red, { engagement: 'EXP' }, 2);
    expect(all.filter((e) => e.starred).map((e) => e.description)).toEqual(['Event 6']);
    expect(all.find((e) => e.description === 'Event 6')?.files).toMatchObject([
      { filename: 'dümp.exe', size: 10, description: `dump ${HASH}`, location: 'C:\\loot', removed: false },
      { filename: 'gone.txt', size: null, description: null, location: null, removed: true },
    ]);
    expect(all.filter((e) => e.files.length)).toHaveLength(1);
  });

  it('applies the filter and the engagement scope, and masks credentials for the blue team', async () => {
    const detected = await walk(red, { engagement: 'EXP', detected: ['FUL'] }, 2);
    expect(detected.map((e) => e.description).sort()).toEqual(['Event 1', 'Event 3', 'Event 7']);
    const everywhere = await walk(red, {}, 3);
    expect(everywhere.map((e) => e.description)).toContain('Another client');
    expect(everywhere).toHaveLength(8);
    const redEvidence = (await walk(red, { engagement: 'EXP' }, 3)).find((e) => e.description === 'Event 2');
    expect(redEvidence?.raw_evidence).toContain('8846f7eaee8fb117ad06bdd830b7586c');
    const blueEvidence = (await walk(blue, { engagement: 'EXP' }, 3)).find(
      (e) => e.description === 'Event 2',
    );
    expect(blueEvidence?.raw_evidence).toContain('secretsdump');
    expect(blueEvidence?.raw_evidence).not.toContain('8846f7eaee8fb117ad06bdd830b7586c');
    const blueFile = (await walk(blue, { engagement: 'EXP' }, 3)).find((e) => e.description === 'Event 6')
      ?.files[0];
    expect(blueFile).toMatchObject({ filename: 'dümp.exe', description: 'dump svc_sql:1104:«redacted»:::' });
    await expect(walk(red, { engagement: 'NOPE' }, 3)).rejects.toThrow(/NOPE/);
  });

  const text = async (chunks: AsyncIterable<Buffer>) => {
    const parts: Buffer[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    return Buffer.concat(parts).toString('utf8');
  };

  it('hands a large export over to the export thread without a seam: the same file as read in one go', async () => {
    const whole = await text(eventsCsv(ctx.database.db, red, { engagement: 'EXP' }));
    // Two events here, the rest from the thread (which continues after the second).
    const handedOver = await text(
      streamEventsCsv(ctx.database, red, { engagement: 'EXP' }, { inlineRows: 2, pageSize: 2 }),
    );
    expect(handedOver).toBe(whole);
    const files = (parse(handedOver)[0] as string[]).indexOf('Files');
    expect(parse(handedOver).at(-1)?.[files]).toContain('"filename":"dümp.exe"');
    expect(parse(handedOver)).toHaveLength(8);
    // The thread applies the same redaction: the blue team's file has no hash either way.
    const blueWhole = await text(eventsCsv(ctx.database.db, blue, { engagement: 'EXP' }));
    const blueHandedOver = await text(
      streamEventsCsv(ctx.database, blue, { engagement: 'EXP' }, { inlineRows: 1, pageSize: 1 }),
    );
    expect(blueHandedOver).toBe(blueWhole);
    expect(blueHandedOver).not.toContain('8846f7eaee8fb117ad06bdd830b7586c');
  });

  it('writes multi-line evidence as one quoted cell, so spreadsheets keep each event on one row', async () => {
    const csv = await text(eventsCsv(ctx.database.db, red, { engagement: 'EXP' }));
    expect(csv).toContain('"line one\nline two 0"');
    // A parser that ends records at any line break outside quotes still sees 7 events and a header.
    const rows = parse(csv, { record_delimiter: ['\r\n', '\n'] }) as string[][];
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.length === rows[0]?.length)).toBe(true);
  });
});
