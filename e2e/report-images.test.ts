import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adminAccessToken, adminSession, DEFAULT_SETUP, snap } from './support/index.ts';

/** A real PNG of one colour (RGB), the size of a small screenshot. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3] ?? 0)]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The HTML event log with its "Include images" switch, in the report viewer's sandboxed frame: the
 * screenshot attached to an event shows in the event's Detail cell, embedded in the report (the
 * report's CSP loads nothing from anywhere; a CSP violation or console error fails the test).
 */
describe('images in the HTML event log', { timeout: 180_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const session = adminSession({
    prepare: async (app) => {
      const headers = { authorization: `Bearer ${await adminAccessToken(app)}` };
      const created = await fetch(`${app.url}/api/v1/events/`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          engagement: ENG,
          timestamp: '2026-11-03T10:00:00Z',
          source: { host: 'KALI' },
          target: { host: 'DC01' },
          description: 'Domain admin on DC01, console screenshot attached',
        }),
      });
      if (created.status !== 201) throw new Error(`POST /api/v1/events/ answered ${created.status}`);
      const { id } = (await created.json()) as { id: number };
      const upload = await fetch(`${app.url}/api/v1/events/${id}/attachments/?filename=console.png`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(png(120, 80, [30, 90, 200])),
      });
      if (upload.status !== 201)
        throw new Error(`the upload answered ${upload.status}: ${await upload.text()}`);
    },
  });

  it('shows no image by default and the screenshot once "Include images" is on', async () => {
    const { page } = session.t;
    await page.goto(`/reports/html-reports/html-event-logs?engagement=${ENG}`);
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await frame.getByText('Domain admin on DC01').first().waitFor();
    expect(await frame.locator('img').count()).toBe(0);

    const toggle = page.getByRole('switch', { name: 'Include images' });
    await page.getByText('blue team readers get only shared ones').waitFor();
    await toggle.click({ force: true });
    await page.waitForURL(/includeImages=true/);
    const image = frame.getByRole('img', { name: 'console.png' });
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBe(120);
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await snap(page, 'report-event-logs-with-images');
  });
});
