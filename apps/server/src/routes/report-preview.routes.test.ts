import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

/** More events than a preview reads (PREVIEW_EVENT_LIMIT, 200). */
const EVENTS = 230;
const label = (i: number) => `Phase step ${String(i).padStart(3, '0')}`;

/**
 * The Reports gallery's previews (`preview=1`): a render capped to the first events, so a card costs
 * the same on a big engagement, and kept until something changes, so a gallery opened again renders
 * nothing.
 */
describe.each(testDialects())('report previews on %s', { timeout: 180_000 }, (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let now = Date.parse('2026-05-04T10:00:00Z');
  const report = async (path: string, query = '') => {
    const res = await fetch(`${server.url}/api/v1/reports/${path}/?engagement=BIG${query}`, {
      headers: { cookie: op.cookie },
    });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    server.ctx.clock.now = () => now;
    await createTestEngagement(server.ctx, 'BIG');
    await createTestUser(server.ctx, {
      username: 'op',
      groups: ['Red Team Operators'],
      engagements: ['BIG'],
    });
    op = await login(server.url, 'op');
    const rows = Array.from(
      { length: EVENTS },
      (_, i) =>
        `2026-05-01T${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z,${label(i + 1)},KALI,DC01`,
    );
    const imported = await fetch(`${server.url}/api/v1/events/import/?engagement=BIG`, {
      method: 'POST',
      body: ['Timestamp (UTC),Description,Source Host,Target Host', ...rows].join('\r\n'),
      headers: {
        'content-type': 'text/csv',
        cookie: op.cookie,
        'x-csrf-token': op.csrfToken,
        origin: server.url,
      },
    });
    expect(await imported.json()).toMatchObject({ added: EVENTS });
  });
  afterAll(() => server?.stop());

  it('reads only the first events for a preview; the report itself reads them all', async () => {
    const full = await report('markdown-reports/markdown-event-logs');
    expect(full.status).toBe(200);
    expect(full.text).toContain(label(EVENTS));
    const preview = await report('markdown-reports/markdown-event-logs', '&preview=1');
    expect(preview.status).toBe(200);
    expect(preview.text).toContain(label(1));
    expect(preview.text).toContain(label(200));
    expect(preview.text).not.toContain(label(201));
    const bad = await report('markdown-reports/markdown-event-logs', '&preview=maybe');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('preview');
  });

  it('keeps a preview until the data changes, then renders it again', async () => {
    // The layer says when it was made (the app's clock): a kept preview still says the first time.
    const generated = (text: string) =>
      (JSON.parse(text) as { metadata: Array<{ name: string; value: string }> }).metadata.find(
        (m) => m.name === 'generated',
      )?.value;
    const layer = () => report('external-tool-reports/mitre-attack-navigator', '&preview=1');
    const first = await layer();
    expect(first.status).toBe(200);
    const madeAt = generated(first.text);
    expect(madeAt).toBeTruthy();
    now += 60_000;
    expect(generated((await layer()).text)).toBe(madeAt);
    // Without preview it is rendered every time.
    expect(generated((await report('external-tool-reports/mitre-attack-navigator')).text)).not.toBe(madeAt);

    // A kept preview is still answered only after the access checks: not a member, not found.
    await createTestEngagement(server.ctx, 'OTHER');
    await createTestUser(server.ctx, {
      username: 'outsider',
      groups: ['Red Team Operators'],
      engagements: ['OTHER'],
    });
    const outsider = await login(server.url, 'outsider');
    const refused = await fetch(
      `${server.url}/api/v1/reports/external-tool-reports/mitre-attack-navigator/?engagement=BIG&preview=1`,
      { headers: { cookie: outsider.cookie } },
    );
    expect(refused.status).toBe(404);

    // An event changes: the next preview is made again.
    const list = await op.get<{ results: Array<{ id: number }> }>(
      '/api/v1/events/?engagement=BIG&page_size=1',
    );
    const id = list.body.results[0]!.id;
    expect((await op.patch(`/api/v1/events/${id}/`, { outcome: 'Cracked' })).status).toBe(200);
    expect(generated((await layer()).text)).not.toBe(madeAt);
  });
});
