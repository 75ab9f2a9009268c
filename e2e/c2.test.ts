import { c2TarGz } from '@steppingstones/core/c2/testing';
import { describe, expect, it } from 'vitest';
import { adminAccessToken, adminSession, DEFAULT_SETUP, snap } from './support/index.ts';

/** The C2 page after a Cobalt Strike log archive is imported: sessions, actions, search, one session. */
describe('C2 sessions and actions', { timeout: 300_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const session = adminSession();

  it('lists the imported sessions and actions, searched and by session', async () => {
    const { page } = session.t;
    const res = await fetch(
      `${session.app.url}/api/v1/c2/imports/?engagement=${ENG}&adapter=cobalt-strike-logs&server=ts1`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await adminAccessToken(session.app)}`,
          'content-type': 'application/gzip',
        },
        body: new Uint8Array(await c2TarGz()),
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sessions: 3, actions: 6 });
    await page.goto('/c2');
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
