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
      .getByText('3 sessions, 6 actions, 2 downloads, 1 file, 1 credential added; 2 rejected.')
      .waitFor();
    await result.getByText('logs/270101/10.0.0.10/beacon_999.log: the log is empty').waitFor();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    const sessions = page.getByRole('table', { name: 'Sessions' });
    await sessions.getByRole('row').filter({ hasText: 'alice * on WS01 (rundll32.exe, PID 4242)' }).waitFor();
    await sessions.getByRole('row').filter({ hasText: 'Windows Server 2022 (21H2)' }).waitFor();
    // Each session's presence bar reads out when the beacon was present (the admin's zone is London).
    await sessions
      .getByRole('row')
      .filter({ hasText: 'alice * on WS01' })
      .getByRole('img', { name: 'present 23:50–23:50, 2027-01-01 00:10–00:10' })
      .waitFor();
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

  it('clones one action through the pre-filled form and selected actions at once, excludes and watches sessions, and shows downloads, uploads and servers', async () => {
    const { page } = session.t;
    await page.goto('/c2');
    const sessions = page.getByRole('table', { name: 'Sessions' });
    const actions = page.getByRole('table', { name: 'Actions' });
    await actions.getByRole('row').filter({ hasText: 'hashdump' }).waitFor();

    await actions.getByLabel('Select hashdump').check();
    await actions.getByLabel('Select ls').check();
    await page.getByRole('button', { name: 'Clone selected (2)' }).click();
    await page.getByText('2 events created.').waitFor();
    await actions
      .getByRole('row')
      .filter({ hasText: 'hashdump' })
      .getByRole('link', { name: /^Event \d+$/ })
      .waitFor();
    expect(await actions.getByLabel('Select hashdump').isDisabled()).toBe(true);

    // One action: the event form opens pre-filled for review, and nothing exists until it is saved.
    await actions.getByRole('button', { name: 'Clone shell whoami to event' }).click();
    const drawer = page.getByRole('dialog', { name: 'Clone to event' });
    await drawer.getByRole('button', { name: 'Create event' }).waitFor();
    expect(await drawer.getByLabel('Description').inputValue()).toContain('whoami');
    expect(await actions.getByRole('button', { name: 'Clone shell whoami to event' }).count()).toBe(1);
    await drawer.getByRole('button', { name: 'Create event' }).click();
    await drawer.waitFor({ state: 'detached' });
    await actions
      .getByRole('row')
      .filter({ hasText: 'shell whoami' })
      .getByRole('link', { name: /^Event \d+$/ })
      .waitFor();

    await sessions.getByRole('button', { name: 'Exclude sessions like WS01' }).click();
    await page.getByRole('menuitem', { name: 'Same computer' }).click();
    await page.getByText('Sessions with computer WS01 are hidden.').waitFor();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(3);
    await page.getByRole('table', { name: 'Exclusions' }).getByText('WS01').waitFor();
    await page.getByRole('button', { name: 'Remove the exclusion computer WS01' }).click();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(4);

    await sessions.getByRole('button', { name: 'Watch lnx01' }).click();
    await sessions.getByRole('button', { name: 'Stop watching lnx01' }).waitFor();

    await page.getByRole('tab', { name: 'Downloads' }).click();
    const downloads = page.getByRole('table', { name: 'Downloads' });
    await downloads.getByRole('row').filter({ hasText: 'secrets.kdbx' }).waitFor();
    await downloads.getByRole('button', { name: 'Clone download notes.txt to event' }).click();
    await page
      .getByRole('dialog', { name: 'Clone to event' })
      .getByRole('button', { name: 'Create event' })
      .click();
    await downloads
      .getByRole('row')
      .filter({ hasText: 'notes.txt' })
      .getByRole('link', { name: /^Event/ })
      .waitFor();

    await page.getByRole('tab', { name: 'Uploads' }).click();
    await page
      .getByRole('table', { name: 'Uploads' })
      .getByRole('row')
      .filter({ hasText: '0123456789abcdef0123456789abcdef' })
      .waitFor();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page
      .getByRole('img', { name: 'Session timeline' })
      .getByText('alice WS01 / rundll32.exe (PID: 4242)')
      .waitFor();
    await snap(page, 'c2-timeline');
    await page.getByRole('tab', { name: 'Servers' }).click();
    await page
      .getByRole('table', { name: 'Servers' })
      .getByRole('row')
      .filter({ hasText: 'not followed' })
      .waitFor();
    await snap(page, 'c2-servers');
    expect(session.t.problems).toEqual([]);
  });
});
