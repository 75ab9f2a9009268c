import { testDialects } from '@steppingstones/db/testing';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/api-client.ts';
import {
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

const NT = '8846f7eaee8fb117ad06bdd830b7586c';
const HASH_LINE = `Administrator:500:aad3b435b51404eeaad3b435b51404ee:${NT}:::`;
const GENERATED_AT = Date.parse('2026-05-04T10:15:00Z');

/** The text a reader of the PDF sees, page by page, as a PDF parser extracts it. */
async function pdfPages(bytes: ArrayBuffer): Promise<{ text: string[]; landscape: boolean[] }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const text: string[] = [];
  const landscape: boolean[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    text.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
    const [, , width, height] = page.view;
    landscape.push((width ?? 0) > (height ?? 0));
  }
  await doc.destroy();
  return { text, landscape };
}

describe.each(testDialects())('event log as PDF on %s', { timeout: 180_000 }, (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let blue: ApiClient;
  const download = (client: ApiClient, query: string) =>
    fetch(`${server.url}/api/v1/events/export/?format=pdf&${query}`, { headers: { cookie: client.cookie } });

  // The tests only read: one server and one set of events for all of them.
  beforeAll(async () => {
    server = await startTestServer(dialect);
    server.ctx.clock.now = () => GENERATED_AT;
    await createTestEngagement(server.ctx, 'ACME', { name: 'Acme Purple Team' });
    await createTestEngagement(server.ctx, 'OTHER');
    await createTestUser(server.ctx, { username: 'op', role: 'operator', engagements: ['ACME', 'OTHER'] });
    await createTestUser(server.ctx, { username: 'blue', role: 'blue-read-only', engagements: ['ACME'] });
    op = await login(server.url, 'op');
    blue = await login(server.url, 'blue');
    const events = [
      {
        timestamp: '2026-03-01T08:00:00Z',
        description: 'Phishing mail opened',
        source: { host: 'mail-relay' },
        target: { host: 'СЕРВЕР-01', user: 'CORP\\alice' },
        mitre_attack_tactic: 'TA0001',
        mitre_attack_technique: 'T1566',
        starred: true,
      },
      {
        timestamp: '2026-03-02T09:30:00Z',
        description: 'Dumped SAM',
        raw_evidence: `${HASH_LINE}\nsecond line`,
        detected: 'FUL',
        source: { host: 'WS01' },
        target: { host: 'DC01' },
      },
    ];
    for (const e of events) {
      const res = await op.post('/api/v1/events/', { engagement: 'ACME', ...e });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    // Many events elsewhere: enough rows to need several pages, in an engagement the blue user is not in.
    for (let i = 0; i < 60; i += 1) {
      const res = await op.post('/api/v1/events/', {
        engagement: 'OTHER',
        source: { host: 'WS01' },
        target: { host: `SRV${i}` },
        timestamp: new Date(Date.parse('2026-04-01T00:00:00Z') + i * 60_000).toISOString(),
        description: `Step ${i + 1} of the long chain`,
        raw_evidence: 'output line\n'.repeat(14),
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => server.stop());

  it('is a landscape PDF naming the engagement, the filter and its pages, with the events', async () => {
    const res = await download(op, 'engagement=ACME');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('ACME events 2026-05-04.pdf');
    const { text, landscape } = await pdfPages(await res.arrayBuffer());
    expect(landscape.every(Boolean)).toBe(true);
    const all = text.join('\n');
    expect(all).toContain('Acme Purple Team (ACME)');
    expect(all).toContain('All events');
    expect(all).toContain('2 events, oldest first.');
    expect(all).toContain('Page 1 of 1');
    expect(all).toContain('Generated with Stepping Stones by op, 2026-05-04 10:15 UTC');
    expect(all).toContain('Phishing mail opened');
    expect(all).toContain('СЕРВЕР-01');
    expect(all).toContain('T1566 Phishing');
    expect(all).toContain('Alert Raised');
    // Operators see the evidence as it is.
    expect(all).toContain(NT);
    expect(all.indexOf('Phishing mail opened')).toBeLessThan(all.indexOf('Dumped SAM'));
  });

  it('applies the filter and says which it is', async () => {
    const res = await download(op, 'engagement=ACME&starred=true');
    const all = (await pdfPages(await res.arrayBuffer())).text.join('\n');
    expect(all).toContain('Starred');
    expect(all).toContain('1 event, oldest first.');
    expect(all).toContain('Phishing mail opened');
    expect(all).not.toContain('Dumped SAM');
  });

  it('numbers every page when the log runs over several', async () => {
    const res = await download(op, 'engagement=OTHER');
    const { text } = await pdfPages(await res.arrayBuffer());
    expect(text.length).toBeGreaterThan(1);
    text.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${text.length}`);
      // The column header repeats on every page.
      expect(page).toContain('Raw evidence');
    });
    const all = text.join('\n');
    expect(all).toContain('Step 1 of the long chain');
    expect(all).toContain('Step 60 of the long chain');
  });

  it('shows the blue team the evidence masked, and only engagements they belong to', async () => {
    const res = await download(blue, 'engagement=ACME');
    expect(res.status).toBe(200);
    const all = (await pdfPages(await res.arrayBuffer())).text.join('\n');
    expect(all).toContain('Dumped SAM');
    expect(all).not.toContain(NT);
    // Refused as the CSV export refuses it: no PDF of an engagement the reader is not in.
    for (const code of ['OTHER', 'NOPE']) {
      const csv = await fetch(`${server.url}/api/v1/events/export/?engagement=${code}`, {
        headers: { cookie: blue.cookie },
      });
      const pdf = await download(blue, `engagement=${code}`);
      expect(pdf.status).toBeGreaterThanOrEqual(400);
      expect(pdf.status).toBe(csv.status);
      expect(pdf.headers.get('content-type')).not.toBe('application/pdf');
    }
  });

  it('answers a bad filter with 400 before any PDF starts', async () => {
    const res = await download(op, 'engagement=ACME&from=yesterday');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: expect.any(String) });
  });
});
