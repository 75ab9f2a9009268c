import { c2TarGz } from '@steppingstones/core/c2/testing';
import { describe, expect, it } from 'vitest';
import { adminSession } from './support/index.ts';

const LM0 = 'aad3b435b51404eeaad3b435b51404ee';

/** What the extractors found in an EventStream line and in a C2 action's output, shown where it was found. */
describe('credentials found in EventStream lines and C2 output', { timeout: 300_000 }, () => {
  const session = adminSession();

  it('lists the credentials of a line under the line', async () => {
    const { page } = session.t;
    await page.goto('/eventstream');
    await page.getByRole('button', { name: 'Import EventStream' }).click();
    const line = JSON.stringify({
      ts: '2026-04-01T17:02:01',
      t: { h: 'dc01' },
      d: 'DCSync of the backup account',
      e: `CORP\\svc_line:1107:${LM0}:64f12cddaa88057e06a81b54e73b949b:::`,
    });
    await page.getByLabel('EventStream file').setInputFiles({
      name: 'dcsync.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(`${line}\n`),
    });
    await page.getByLabel('Import result').getByText('1 line added').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: 'DCSync of the backup account' });
    const found = row.getByLabel('Credentials found in this line');
    await found.locator('summary').click();
    await found.getByText('CORP\\svc_line').waitFor();
    await found.getByText('Credentials (1)').waitFor();
    expect(session.t.problems).toEqual([]);
  });

  it("lists the credentials of a C2 action's output under the action", async () => {
    const { page } = session.t;
    await page.goto('/c2');
    await page.getByLabel('Server name').fill('ts1');
    await page.getByLabel('C2 log archive').setInputFiles({
      name: 'logs.tar.gz',
      mimeType: 'application/gzip',
      buffer: await c2TarGz(),
    });
    await page
      .getByLabel('C2 import result')
      .getByText(/1 credential added/)
      .waitFor();
    const actions = page.getByRole('table', { name: 'Actions' });
    const hashdump = actions.getByRole('row').filter({ hasText: 'hashdump' });
    const found = hashdump.getByLabel('Credentials found in this output');
    await found.locator('summary').click();
    await found.getByText('WS01\\Administrator').waitFor();
    // An action whose output holds none says so when opened.
    const whoami = actions.getByRole('row').filter({ hasText: 'shell whoami' });
    const none = whoami.getByLabel('Credentials found in this output');
    await none.locator('summary').click();
    await none.getByText('None found.').waitFor();
    expect(session.t.problems).toEqual([]);
  });
});
