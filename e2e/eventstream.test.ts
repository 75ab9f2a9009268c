import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminSession, DEFAULT_SETUP, snap } from './support/index.ts';

interface LineRow {
  id: number;
  description: string;
  event_id: number | null;
}

/**
 * The EventStream page as an operator uses it: import a file (progress, counts, rejected lines to
 * download), clone one line through the pre-filled event form, clone another with Clone selected; the
 * rows then offer Edit event, and the events exist with the lines' values.
 */
describe('EventStream import and clone to events', { timeout: 300_000 }, () => {
  const ENG = DEFAULT_SETUP.engagement.code;
  const session = adminSession();
  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
  const api = async <T>(path: string): Promise<T> => {
    const res = await session.t.page.request.get(path);
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  };
  const lines = async () =>
    (await api<{ results: LineRow[] }>(`/api/v1/eventstream/lines/?engagement=${ENG}`)).results;

  it('imports a dropped file and offers the rejected lines as a download', async () => {
    const { page } = session.t;
    await page.goto('/eventstream');
    await page.getByRole('heading', { name: 'EventStream' }).waitFor();
    await page.getByRole('button', { name: 'Import EventStream' }).click();
    const file = [
      '{"ts": "2024-04-01T17:02:01", "t": {"u": "victim", "h": "192.168.5.8"}, "d": "Dumped browser passwords"}',
      '{"ts": "2024-04-01T17:03:01", "te": "2024-04-01T17:06:20", "s": {"h": "attacker.example.com", "p": "spray.exe"}, "t": {"h": "192.168.5.6"}, "d": "Password sprayed Welcome123", "e": "spray.exe -u users.txt -p Welcome123", "ma": {"ta": "TA0006", "t": "T1110.003"}}',
      '{"ts": "2024-02-30T10:00:00", "d": "An impossible date"}',
    ].join('\n');
    await page.getByLabel('EventStream file').setInputFiles({
      name: 'activity.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(file),
    });
    const result = page.getByLabel('Import result');
    await result.getByText('2 lines added, 0 already there, 1 rejected.').waitFor();
    await result.getByText(/line 3: ts: .*not a real date/).waitFor();
    await snap(page, 'eventstream-import-result');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download rejected lines' }).click(),
    ]);
    const saved = await download.path();
    const text = (await import('node:fs')).readFileSync(saved as string, 'utf8');
    expect(text).toMatch(/^line 3: ts: /);
    await page.getByRole('button', { name: 'Done' }).click();
    await row(page, 'Password sprayed Welcome123').waitFor();
    await row(page, 'Dumped browser passwords').waitFor();
  });

  it('clones a line through the pre-filled event form, then offers Edit event', async () => {
    const { page } = session.t;
    await row(page, 'Password sprayed Welcome123').getByRole('link', { name: 'Clone to event' }).click();
    const drawer = page.getByRole('dialog', { name: 'Clone to event' });
    await drawer.getByRole('button', { name: 'Create event' }).waitFor();
    expect(await drawer.getByLabel('Description').inputValue()).toBe('Password sprayed Welcome123');
    await snap(page, 'eventstream-clone-form');
    await drawer.getByRole('button', { name: 'Create event' }).click();
    await row(page, 'Password sprayed Welcome123').getByRole('link', { name: 'Edit event' }).waitFor();
    const spray = (await lines()).find((l) => l.description === 'Password sprayed Welcome123')!;
    expect(spray.event_id).not.toBeNull();
    const event = await api<Record<string, unknown>>(`/api/v1/events/${spray.event_id}/`);
    expect(event).toMatchObject({
      engagement: ENG,
      timestamp: '2024-04-01T17:03:01.000Z',
      description: 'Password sprayed Welcome123',
      raw_evidence: 'spray.exe -u users.txt -p Welcome123',
      mitre_attack_tactic: 'TA0006',
      mitre_attack_subtechnique: 'T1110.003',
    });
    // The event shows the line it came from.
    await row(page, 'Password sprayed Welcome123').getByRole('link', { name: 'Edit event' }).click();
    await page.getByText('Cloned from an EventStream line').waitFor();
    await page.goBack();
    await row(page, 'Password sprayed Welcome123').waitFor();
  });

  it('clones the selected lines at once, each linked to its event', async () => {
    const { page } = session.t;
    await row(page, 'Dumped browser passwords').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Clone selected (1)' }).click();
    await row(page, 'Dumped browser passwords').getByRole('link', { name: 'Edit event' }).waitFor();
    const dumped = (await lines()).find((l) => l.description === 'Dumped browser passwords')!;
    const event = await api<{ description: string; target: { host: string; user: string } }>(
      `/api/v1/events/${dumped.event_id}/`,
    );
    expect(event).toMatchObject({
      description: 'Dumped browser passwords',
      target: { host: '192.168.5.8', user: 'victim' },
    });
    expect(session.t.problems).toEqual([]);
  });

  it('shows lines imported elsewhere without a reload (the live stream, not polling)', async () => {
    const { page } = session.t;
    // Another operator, the CLI or a background import: here a raw API import beside the open page.
    const me = (await (await page.request.get('/api/v1/auth/me/')).json()) as { csrfToken: string };
    const res = await page.request.post(`/api/v1/eventstream/imports/?engagement=${ENG}`, {
      headers: {
        'content-type': 'application/x-ndjson',
        'x-csrf-token': me.csrfToken,
        origin: session.app.url,
      },
      data: '{"ts": "2024-04-02T08:00:00Z", "s": {"h": "kali"}, "d": "Kerberoasted svc_sql from the CLI"}\n',
    });
    expect(await res.json()).toEqual({ added: 1, duplicates: 0, rejected: [] });
    await row(page, 'Kerberoasted svc_sql from the CLI').waitFor();
    expect(session.t.problems).toEqual([]);
  });
});
