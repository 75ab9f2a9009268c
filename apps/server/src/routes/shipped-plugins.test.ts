// The shipped report plugins (plugins/*-reports) through the real host: the repository's plugin list,
// worker threads, HTTP, permissions and redaction. Their exact outputs are golden-tested in plugins/.
import { seedPluginFixtures } from '@steppingstones/core/plugins/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestUser, login, startTestServer, type TestServer } from '../testing/index.ts';

const REPORTS: [string, string, string][] = [
  ['html-reports', 'html-event-logs', 'text/html'],
  ['html-reports', 'html-detection-summary', 'text/html'],
  ['html-reports', 'html-dection-summary', 'text/html'],
  ['markdown-reports', 'markdown-event-logs', 'text/markdown'],
  ['markdown-reports', 'markdown-ioc-report', 'text/markdown'],
  ['markdown-reports', 'markdown-detection-advice', 'text/markdown'],
  ['external-tool-reports', 'mitre-attack-navigator', 'application/json'],
  ['external-tool-reports', 'ghostwriter-oplog-csv', 'text/csv'],
  ['external-tool-reports', 'office-timeline-export', 'spreadsheetml'],
  ['graphical-reports', 'mitre-event-timeline', 'image/svg+xml'],
  ['graphical-reports', 'daily-detections-and-preventions', 'image/svg+xml'],
  ['graphical-reports', 'mitre-activity-heat-map', 'image/svg+xml'],
  ['graphical-reports', 'mitre-detection-prevention-heat-map', 'image/svg+xml'],
];

describe.each(testDialects())('the shipped report plugins on %s', { timeout: 240_000 }, (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let blue: ApiClient;
  const url = (plugin: string, key: string, query = '') =>
    `/api/v1/reports/${plugin}/${key}/?engagement=TEST-1${query}`;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await seedPluginFixtures(server.ctx, 'TEST-1');
    await createTestUser(server.ctx, {
      username: 'op',
      groups: ['Red Team Operators'],
      engagements: ['TEST-1'],
    });
    await createTestUser(server.ctx, {
      username: 'blue',
      groups: ['Client Blue Team - Read Only'],
      engagements: ['TEST-1'],
    });
    [op, blue] = await Promise.all([login(server.url, 'op'), login(server.url, 'blue')]);
  });
  afterAll(() => server.stop());

  it('renders every shipped report in the worker threads with its content type', async () => {
    for (const [plugin, key, type] of REPORTS) {
      const res = await fetch(new URL(url(plugin, key), server.url), { headers: { cookie: op.cookie } });
      expect(`${key} ${res.status}`).toBe(`${key} 200`);
      expect(res.headers.get('content-type')).toContain(type);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('streams the event logs as whole documents', async () => {
    for (const [plugin, key, end] of [
      ['html-reports', 'html-event-logs', '</tbody></table></body></html>'],
      ['markdown-reports', 'markdown-event-logs', '</tbody>\n</table>\n'],
    ]) {
      const res = await fetch(new URL(url(plugin!, key!), server.url), { headers: { cookie: op.cookie } });
      expect(res.headers.get('transfer-encoding')).toBe('chunked');
      const text = await res.text();
      expect(text.endsWith(end!)).toBe(true);
      for (const e of ['Sent phishing email', 'DCSync of the krbtgt', 'Port scan of the DMZ'])
        expect(text).toContain(e);
    }
  });

  it('masks evidence for the blue team and hides the misspelt alias from menus', async () => {
    const hash = '31d6cfe0d16ae931b73c59d7e0c089c0';
    expect((await op.get<string>(url('markdown-reports', 'markdown-event-logs'))).body).toContain(hash);
    const masked = await blue.get<string>(url('markdown-reports', 'markdown-event-logs'));
    expect(masked.status).toBe(200);
    expect(masked.body).toContain('DCSync');
    expect(masked.body).not.toContain(hash);
    const menu = await op.get<{ results: { key: string }[] }>('/api/v1/plugin-points/?type=event-report');
    const keys = menu.body.results.map((m) => m.key);
    expect(keys).toContain('html-detection-summary');
    expect(keys).not.toContain('html-dection-summary');
  });
});
