import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  adminAccessToken,
  adminSession,
  createUserViaCli,
  DEFAULT_SETUP,
  signedInPage,
  snap,
} from './support/index.ts';

/** A real PNG (RGB, one colour), as a screenshot tool would put it on the clipboard. */
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

/** An asciinema v2 recording of `id` run on a domain controller. */
const CAST = [
  JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1764892800, env: { SHELL: '/bin/bash' } }),
  JSON.stringify([0.2, 'o', 'root@dc01:~# id\r\n']),
  JSON.stringify([0.4, 'o', 'uid=0(root) gid=0(root) groups=0(root)\r\n']),
  JSON.stringify([0.6, 'o', 'root@dc01:~# ']),
  '',
].join('\n');

/**
 * Evidence on events in the browser: a screenshot pasted into the event form becomes a thumbnail in
 * the grid and the gallery, opens in the full view and downloads as it was; a terminal recording plays
 * in the page; the blue team sees only what was shared, and no controls; a refused file shows the
 * server's reason. Any console error, CSP violation (the player's included) or 5xx fails it.
 */
describe('event attachments', { timeout: 240_000 }, () => {
  const blue = { username: 'blue.viewer', password: 'blue team passphrase 2026' };
  const operator = { username: 'op.two', password: 'operator passphrase 2026' };
  const session = adminSession({
    // A small limit, so the oversized file is small too.
    start: { env: { MAX_ATTACHMENT_MB: '1' } },
    prepare: async (app) => {
      await createUserViaCli(app, {
        ...blue,
        groups: ['Client Blue Team - Read Only'],
        engagements: [DEFAULT_SETUP.engagement.code],
      });
      await createUserViaCli(app, {
        ...operator,
        groups: ['Red Team Operators'],
        engagements: [DEFAULT_SETUP.engagement.code],
      });
    },
  });
  const screenshot = png(64, 40, [200, 30, 30]);
  let eventId = 0;

  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
  const tile = (page: Page, name: string | RegExp) =>
    page.getByTestId('attachment-tile').filter({ hasText: name });

  it('pastes a screenshot into the new event form; once saved, the grid row shows its thumbnail', async () => {
    const { page } = session.t;
    await page.goto('/events');
    await page.getByRole('button', { name: 'New event' }).click();
    const form = page.getByRole('dialog', { name: 'New event' });
    await form.getByLabel('Source host').fill('KALI-01');
    await form.getByLabel('Target host').fill('DC01');
    await form.getByLabel('Description').fill('Domain admin on DC01 (screenshot attached)');
    // Ctrl+V of a screenshot: the clipboard holds an image file named image.png and no text.
    await form.getByLabel('Description').focus();
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      document.activeElement?.dispatchEvent(paste);
    }, screenshot.toString('base64'));
    const queued = form.getByRole('list', { name: 'Files to attach' }).getByRole('listitem');
    await queued.filter({ hasText: /^screenshot-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.png/ }).waitFor();
    expect(await queued.innerText()).toContain('waiting');
    // The description was not replaced by anything from the paste.
    expect(await form.getByLabel('Description').inputValue()).toBe(
      'Domain admin on DC01 (screenshot attached)',
    );
    await snap(page, 'attachments-01-pasted');
    await form.getByRole('button', { name: 'Create event' }).click();
    await form.waitFor({ state: 'hidden' });

    const created = row(page, 'Domain admin on DC01');
    const thumb = created
      .getByTestId('row-attachments')
      .getByRole('link', { name: /^Attachment screenshot-/ });
    await thumb.waitFor();
    const img = thumb.locator('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(64);
    // The thumbnail box has its size before its image arrives (nothing moves as it loads).
    expect(await thumb.evaluate((el) => [el.clientWidth, el.clientHeight])).toEqual([46, 30]);
    await snap(page, 'attachments-02-grid-thumbnail');
    const href = (await thumb.getAttribute('href')) ?? '';
    eventId = Number(/\/events\/(\d+)/.exec(href)?.[1]);
    expect(eventId).toBeGreaterThan(0);
  });

  it('opens the thumbnail in the full view with zoom and arrows, and downloads the original', async () => {
    const { page } = session.t;
    await row(page, 'Domain admin on DC01')
      .getByRole('link', { name: /^Attachment screenshot-/ })
      .click();
    const viewer = page.getByRole('dialog', { name: /^screenshot-.*\.png/ });
    await viewer.waitFor();
    const image = viewer.getByRole('img', { name: /^screenshot-/ });
    await expect.poll(() => image.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(64);
    expect(await image.getAttribute('data-zoom')).toBe('fit');
    await page.keyboard.press('+');
    expect(await image.getAttribute('data-zoom')).toBe('1.5');
    expect(await image.evaluate((el) => el.getBoundingClientRect().width)).toBe(96);
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    expect(await image.getAttribute('data-zoom')).toBe('2');
    await page.keyboard.press('0');
    expect(await image.getAttribute('data-zoom')).toBe('fit');
    await snap(page, 'attachments-03-full-view');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      viewer.getByRole('link', { name: 'Download original' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^screenshot-.*\.png$/);
    const saved = fs.readFileSync((await download.path()) as string);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(
      createHash('sha256').update(screenshot).digest('hex'),
    );
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    // The gallery of the event page shows the same file, with its size and uploader.
    const shot = tile(page, /screenshot-/);
    expect(await shot.innerText()).toContain(`${screenshot.length} bytes · admin`);
  });

  it('uploads a terminal recording on the event page and plays it in the page', async () => {
    const { page } = session.t;
    await page.goto(`/events/${eventId}`);
    await page.getByLabel('Attach files: choose files').setInputFiles({
      name: 'dc01-root.cast',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(CAST),
    });
    const cast = tile(page, 'dc01-root.cast');
    await cast.waitFor();
    await cast.getByRole('button', { name: 'Open dc01-root.cast' }).click();
    const viewer = page.getByRole('dialog', { name: /^dc01-root\.cast/ });
    const player = viewer.getByTestId('cast-player');
    await expect
      .poll(() => player.locator('.ap-term').innerText(), { timeout: 20_000 })
      .toContain('uid=0(root) gid=0(root)');
    await snap(page, 'attachments-04-cast-playing');
    // The arrows move between the event's viewable attachments (the screenshot comes first).
    await viewer.getByRole('button', { name: 'Previous attachment' }).click();
    await page.getByRole('dialog', { name: /^screenshot-/ }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: /^dc01-root\.cast/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: /^dc01-root\.cast/ }).waitFor({ state: 'hidden' });
  });

  it("shows the server's reason for a file that is too large or not what its name says", async () => {
    const { page, expectConsoleErrors } = session.t;
    expectConsoleErrors(/status of 413/, /status of 422/);
    await page.goto(`/events/${eventId}`);
    const input = page.getByLabel('Attach files: choose files');
    await input.setInputFiles({
      name: 'memory.dmp',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(1024 * 1024 + 1, 7),
    });
    const uploads = page.getByRole('list', { name: 'Files to attach' });
    const big = uploads.getByRole('listitem', { name: 'memory.dmp' });
    await big
      .getByRole('alert')
      .filter({ hasText: /larger than the limit of 1 MB/ })
      .waitFor();
    await input.setInputFiles({
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not a picture'),
    });
    const fake = uploads.getByRole('listitem', { name: 'fake.png' });
    await fake.getByRole('alert').waitFor();
    expect(await fake.innerText()).toContain('not attached');
    await snap(page, 'attachments-05-refused');
    // Nothing half-stored: the gallery still holds the two files.
    const listed = await page.request.get(`/api/v1/events/${eventId}/attachments/`);
    const body = (await listed.json()) as
      | Array<{ filename: string }>
      | { results: Array<{ filename: string }> };
    const names = (Array.isArray(body) ? body : body.results).map((a) => a.filename);
    expect(names).toHaveLength(2);
  });

  it('shares the screenshot with the blue team, who see it and nothing else, and no controls', async () => {
    const { page } = session.t;
    await page.goto(`/events/${eventId}`);
    const shot = tile(page, /screenshot-/);
    // The switch follows the server's answer, so it is clicked rather than checked.
    const share = shot.getByRole('switch', { name: 'Share with blue team' });
    await share.click();
    await page.getByText(/is shared with the blue team\.$/).waitFor();
    expect(await share.isChecked()).toBe(true);

    const b = await signedInPage(session.browser, session.app, blue, { timezonePrompt: 'later' });
    try {
      await b.page.goto('/events');
      const blueRow = row(b.page, 'Domain admin on DC01');
      await blueRow.getByTestId('row-attachments').waitFor();
      expect(await blueRow.getByTestId('row-attachments').getByRole('link').count()).toBe(1);
      await b.page.goto(`/events/${eventId}`);
      await b.page.getByTestId('attachment-gallery').waitFor();
      await tile(b.page, /screenshot-/).waitFor();
      expect(await b.page.getByTestId('attachment-tile').count()).toBe(1);
      expect(await b.page.getByText('dc01-root.cast').count()).toBe(0);
      for (const control of ['Share with blue team', 'Attach files: choose files'])
        expect(await b.page.getByLabel(control).count()).toBe(0);
      expect(await b.page.getByRole('button', { name: /^Delete / }).count()).toBe(0);
      await snap(b.page, 'attachments-06-blue');
      // Nor can they fetch the unshared recording by its address.
      const adminList = await page.request.get(`/api/v1/events/${eventId}/attachments/`);
      const all = (await adminList.json()) as
        | Array<{ id: number; filename: string }>
        | { results: Array<{ id: number; filename: string }> };
      const castId = (Array.isArray(all) ? all : all.results).find(
        (a) => a.filename === 'dc01-root.cast',
      )?.id;
      const direct = await b.page.request.get(`/api/v1/attachments/${castId}/`);
      expect(direct.status()).toBe(404);
      expect(b.problems).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it("offers another operator no share switch on the admin's files, only where they stand", async () => {
    const b = await signedInPage(session.browser, session.app, operator, { timezonePrompt: 'later' });
    try {
      await b.page.goto(`/events/${eventId}`);
      const shot = tile(b.page, /screenshot-/);
      await shot.getByText('Shared with the blue team').waitFor();
      expect(await tile(b.page, 'dc01-root.cast').getByText('Red team only').count()).toBe(1);
      expect(await b.page.getByRole('switch', { name: 'Share with blue team' }).count()).toBe(0);
      // The red team may still add and remove files.
      expect(await shot.getByRole('button', { name: /^Delete screenshot-/ }).count()).toBe(1);
      expect(await b.page.getByLabel('Attach files: choose files').count()).toBe(1);
      expect(b.problems).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('deletes an attachment after asking', async () => {
    const { page } = session.t;
    await page.goto(`/events/${eventId}`);
    await tile(page, 'dc01-root.cast').getByRole('button', { name: 'Delete dc01-root.cast' }).click();
    const ask = page.getByRole('dialog', { name: 'Delete this attachment?' });
    await ask.getByRole('button', { name: 'Delete attachment' }).click();
    await ask.waitFor({ state: 'hidden' });
    await tile(page, 'dc01-root.cast').waitFor({ state: 'detached' });
    expect(await page.getByTestId('attachment-tile').count()).toBe(1);
  });

  it("names a file refused after a new event was saved, with the server's reason", async () => {
    const { page, expectConsoleErrors } = session.t;
    expectConsoleErrors(/status of 422/);
    await page.goto('/events');
    await page.getByRole('button', { name: 'New event' }).click();
    const form = page.getByRole('dialog', { name: 'New event' });
    await form.getByLabel('Source host').fill('KALI-01');
    await form.getByLabel('Target host').fill('WEB01');
    await form.getByLabel('Description').fill('Web shell on WEB01');
    await form.getByLabel('Attach files: choose files').setInputFiles({
      name: 'shell.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<?php system($_GET["c"]); ?>'),
    });
    await form.getByRole('button', { name: 'Create event' }).click();
    await form.waitFor({ state: 'hidden' });
    const note = page.getByRole('alert').filter({ hasText: /was saved, but a file was not attached/ });
    await note.waitFor();
    expect(await note.getByTestId('unattached-files').innerText()).toMatch(/^shell\.png: .*png/i);
    await row(page, 'Web shell on WEB01').waitFor();
  });

  it('shows three thumbnails in the grid row and counts the rest', async () => {
    const { page } = session.t;
    const access = await adminAccessToken(session.app);
    for (const [i, colour] of (
      [
        [30, 160, 30],
        [30, 30, 200],
        [220, 200, 40],
      ] as const
    ).entries()) {
      const res = await fetch(
        `${session.app.url}/api/v1/events/${eventId}/attachments/?filename=shot-${i}.png`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${access}`, 'content-type': 'image/png' },
          body: new Uint8Array(png(32, 32, [...colour])),
        },
      );
      expect(res.status).toBe(201);
    }
    await page.goto('/events');
    const thumbs = row(page, 'Domain admin on DC01').getByTestId('row-attachments');
    await thumbs.getByLabel('4 attachments in all').waitFor();
    expect(await thumbs.getByRole('link').count()).toBe(3);
    expect(await thumbs.getByLabel('4 attachments in all').innerText()).toBe('+1');
  });

  it('attaches a file dropped anywhere on the edit form at once, beside the ones the event has', async () => {
    const { page } = session.t;
    await page.goto(`/events/${eventId}/edit`);
    const form = page.getByRole('dialog', { name: 'Edit event' });
    await form.getByTestId('attachment-gallery').getByTestId('attachment-tile').first().waitFor();
    expect(await form.getByTestId('attachment-tile').count()).toBe(4);
    // A drop on the description field, not on the zone: the form takes it instead of the browser.
    await form.getByLabel('Description').evaluate(
      (el, base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], 'bloodhound-path.png', { type: 'image/png' }));
        for (const type of ['dragenter', 'dragover', 'drop'])
          el.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      png(120, 80, [90, 90, 90]).toString('base64'),
    );
    const item = form.getByRole('list', { name: 'Files to attach' }).getByRole('listitem', {
      name: 'bloodhound-path.png',
    });
    await expect.poll(() => item.getAttribute('data-status')).toBe('done');
    expect(await item.innerText()).toContain('attached');
    await form.getByTestId('attachment-tile').filter({ hasText: 'bloodhound-path.png' }).waitFor();
    expect(await form.getByTestId('attachment-tile').count()).toBe(5);
    // Nothing else changed: the form closes without asking.
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'hidden' });
  });
});
