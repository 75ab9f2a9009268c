import { c2TarGz } from '@steppingstones/core/c2/testing';
import { describe, expect, it } from 'vitest';
import { adminSession, snap } from './support/index.ts';

/** The C2 page: drop a Cobalt Strike log archive, then its sessions and actions (search, one session). */
describe('C2 sessions and actions', { timeout: 300_000 }, () => {
  const session = adminSession();

  it('imports a dropped archive, then lists its sessions and actions, searched and by session', async () => {
    const { page } = session.t;
    await page.goto('/c2');
    await page.getByLabel('Server name').fill('ts1');
    await page.getByLabel('C2 log archive').setInputFiles({
      name: 'logs.tar.gz',
      mimeType: 'application/gzip',
      buffer: await c2TarGz(),
    });
    const result = page.getByLabel('C2 import result');
    await result
      .getByText('3 session(s), 6 action(s), 2 download(s), 1 file(s), 1 credential(s) added; 2 rejected.')
      .waitFor();
    await result.getByText('logs/270101/10.0.0.10/beacon_999.log: the log is empty').waitFor();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    const sessions = page.getByRole('table', { name: 'Sessions' });
    await sessions.getByRole('row').filter({ hasText: 'alice * on WS01 (rundll32.exe, PID 4242)' }).waitFor();
    await sessions.getByRole('row').filter({ hasText: 'Windows Server 2022 (21H2)' }).waitFor();
    const actions = page.getByRole('table', { name: 'Actions' });
    await actions.getByRole('row').filter({ hasText: 'hashdump' }).waitFor();
    expect(await actions.getByRole('row').count()).toBe(7);

    await page.getByLabel('Search actions').fill('trinity');
    await actions.getByRole('row').filter({ hasText: 'upload /tmp/x.exe' }).waitFor();
    await expect.poll(() => actions.getByRole('row').count()).toBe(2);
    await page.getByLabel('Search actions').fill('');

    await sessions.getByRole('row').filter({ hasText: 'root on lnx01' }).click();
    await expect.poll(() => actions.getByRole('row').count()).toBe(2);
    await actions.getByRole('row').filter({ hasText: 'shell id' }).waitFor();
    await snap(page, 'c2-sessions-actions');
    expect(session.t.problems).toEqual([]);
  });
});
