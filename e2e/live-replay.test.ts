import type { Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminSession, DEFAULT_SETUP } from './support/index.ts';

/**
 * Live updates from outside the server process, and across a dropped connection: an event written by
 * the CLI (`steppingstones events import`, another process on the same database) reaches an open grid;
 * while the server is down (a restart), the CLI writes again, and when the browser reconnects it sends
 * Last-Event-ID and the server replays what it missed, so the row appears without a reload.
 */
describe('live updates from the CLI and replay after a dropped connection', { timeout: 240_000 }, () => {
  const session = adminSession();
  const ENG = DEFAULT_SETUP.engagement.code;
  /** Every stream request the page makes, with the Last-Event-ID it carried. */
  const streams: Array<{ lastEventId: string | undefined }> = [];

  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
  const importWithCli = async (description: string, minute: number) => {
    const csv = [
      'Timestamp (UTC),Description,Source Host,Target Host',
      `2026-11-03T09:${String(minute).padStart(2, '0')}:00Z,${description},KALI-01,DC01`,
    ].join('\n');
    const out = await session.app.cli(['events', 'import', '--engagement', ENG, '--as', 'admin'], csv);
    expect(out.stdout, out.stderr).toContain(`${ENG}: 1 event(s) added`);
    expect(out.code).toBe(0);
  };

  beforeAll(() => {
    session.t.page.on('request', async (r: Request) => {
      if (new URL(r.url()).pathname !== '/api/v1/stream/') return;
      const entry: { lastEventId: string | undefined } = { lastEventId: undefined };
      streams.push(entry);
      // (allHeaders: the header the browser adds on a reconnect is not among the early ones.)
      entry.lastEventId = (await r.allHeaders().catch(() => ({}) as Record<string, string>))['last-event-id'];
    });
  });

  it('shows an event written by the CLI in the open grid', async () => {
    const { page } = session.t;
    await page.goto('/events');
    await page.getByTestId('event-grid').waitFor();
    await page.getByText('No events found').waitFor();
    await importWithCli('Written by the CLI', 1);
    await row(page, 'Written by the CLI').waitFor({ timeout: 10_000 });
  });

  it('replays, after the connection drops, the event written while it was down', async () => {
    const { page } = session.t;
    // The stream cut by the stopping server, then the reconnects it refuses while down: the drop this
    // test makes on purpose, which Chromium logs.
    session.t.expectConsoleErrors(/net::(ERR_CONNECTION_REFUSED|ERR_INCOMPLETE_CHUNKED_ENCODING)$/);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
    });
    const before = streams.length;
    // The server goes away (its streams end), the CLI writes meanwhile, the server comes back.
    await session.app.restart(() => importWithCli('Written while the server was down', 2));
    await row(page, 'Written while the server was down').waitFor({ timeout: 20_000 });

    expect(
      await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage),
    ).toBe(true);
    // The reconnect said where it had stopped; the new server process had no other way to know.
    const reconnects = streams.slice(before);
    expect(reconnects.some((s) => /^\d+$/.test(s.lastEventId ?? ''))).toBe(true);
    await row(page, 'Written by the CLI').waitFor();
  });

  it('reported no console errors, CSP violations or server errors, beyond the dropped connection', () => {
    // The stream cut by the stopping server, then the reconnects it refused while down: the drop this
    // file makes on purpose, which Chromium logs.
    const unexpected = session.t.problems.filter(
      (p) => !/net::(ERR_CONNECTION_REFUSED|ERR_INCOMPLETE_CHUNKED_ENCODING)$/.test(p),
    );
    expect(unexpected).toEqual([]);
  });
});
