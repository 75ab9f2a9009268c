import { describe, expect, it } from 'vitest';
import { adminSession, createEventsViaApi } from './support/index.ts';

const part = (host: string) => ({ host, user: 'CORP\\alice', process: 'beacon.exe' });

/**
 * The grid's search box as operators use it: the start of a host name, an ATT&CK id, a file path, and
 * a note naming the words that were not searched.
 */
describe('searching the event log in the grid', { timeout: 180_000 }, () => {
  const session = adminSession({
    prepare: (app) =>
      createEventsViaApi(app, [
        {
          timestamp: '2026-03-02T10:00:00Z',
          source: part('WS01'),
          target: part('DC01'),
          description: 'Kerberoasted the service account',
        },
        {
          timestamp: '2026-03-02T11:00:00Z',
          source: part('WS01'),
          target: part('SRV07'),
          description: 'Dumped LSASS',
          mitre_attack_tactic: 'TA0006',
          mitre_attack_technique: 'T1003',
          mitre_attack_subtechnique: 'T1003.001',
        },
        {
          timestamp: '2026-03-02T12:00:00Z',
          source: part('WS01'),
          target: part('SRV08'),
          description: 'Dropped the loader',
          files: [{ filename: 'loader.dll', location: 'C:\\Windows\\Temp\\loader.dll' }],
        },
      ]),
  });

  const descriptions = ['Kerberoasted the service account', 'Dumped LSASS', 'Dropped the loader'];

  async function searchFor(text: string, expected: string) {
    const { page } = session.t;
    await page.getByLabel('Search events').fill(text);
    await page.waitForURL(
      new RegExp(`search=${encodeURIComponent(text.trim()).replace(/%20/g, '(\\+|%20)')}`),
    );
    for (const d of descriptions)
      await page
        .getByRole('row')
        .filter({ hasText: d })
        .first()
        .waitFor({ state: d === expected ? 'visible' : 'detached' });
  }

  it('finds a host by the start of its name, an ATT&CK technique and a file path', async () => {
    const { page } = session.t;
    await page.goto('/events');
    await page.getByRole('row').filter({ hasText: 'Dropped the loader' }).waitFor();
    await searchFor('DC0', 'Kerberoasted the service account');
    await searchFor('T1003', 'Dumped LSASS');
    await searchFor('C:\\Windows\\Temp', 'Dropped the loader');
    expect(await page.getByTestId('ignored-search-words').count()).toBe(0);
  });

  it('says which words of the search were ignored', async () => {
    const { page } = session.t;
    await searchFor('-- DC01', 'Kerberoasted the service account');
    const note = page.getByTestId('ignored-search-words');
    await note.waitFor();
    expect(await note.innerText()).toBe('Ignored in the search: “--” (no letters or digits)');
    await page.getByLabel('Search events').fill('DC01');
    await note.waitFor({ state: 'detached' });
  });
});
