import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { adminSession, createEventsViaApi, DEFAULT_SETUP, type RunningApp } from './support/index.ts';

const ENG = DEFAULT_SETUP.engagement.code;

async function seedEvents(app: RunningApp): Promise<void> {
  await createEventsViaApi(app, [
    {
      timestamp: '2026-11-03T10:00:00Z',
      source: { host: 'KALI' },
      target: { host: 'WS01' },
      description: 'Sent the phishing email.',
      starred: true,
    },
    {
      timestamp: '2026-11-03T11:00:00Z',
      source: { host: 'WS01' },
      target: { host: 'DC01' },
      description: 'Kerberoasted the SQL service account.',
    },
  ]);
}

describe('Export PDF from the events page', { timeout: 180_000 }, () => {
  const session = adminSession({ prepare: seedEvents });

  it('downloads the filtered event log as a PDF that opens and holds the visible events', async () => {
    const { page } = session.t;
    await page.goto('/events?starred=true');
    await page.getByText('Sent the phishing email.').first().waitFor();
    await page.getByRole('button', { name: 'Export / import' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export PDF (to read or print)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${ENG} events \\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    const bytes = fs.readFileSync((await download.path())!);
    const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
    expect(pdf.numPages).toBe(1);
    const content = await (await pdf.getPage(1)).getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ');
    await pdf.destroy();
    expect(text).toContain(`(${ENG})`);
    expect(text).toContain('Starred');
    expect(text).toContain('Sent the phishing email.');
    expect(text).not.toContain('Kerberoasted');
    expect(text).toContain('Page 1 of 1');
    expect(session.t.problems).toEqual([]);
  });
});
