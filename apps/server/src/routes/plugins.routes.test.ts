import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pluginHostFor } from '@steppingstones/core/plugins';
import { seedPluginFixtures } from '@steppingstones/core/plugins/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

const FIXTURES = path.resolve(
  import.meta.dirname,
  '../../../../packages/core/src/plugins/testing/fixture-plugins',
);

interface MenuItem {
  plugin: string;
  key: string;
  title: string;
  category: string;
  params: { properties?: Record<string, { default?: unknown }> };
}
interface PluginRecord {
  id: string;
  state: string;
  last_error: string | null;
  points: Array<{ key: string; enabled: boolean }>;
}

/** A plugin list with a good-but-faulty plugin, an invalid one and two that cannot be imported. */
function writePluginList(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-plugins-'));
  const file = path.join(dir, 'steppingstones.plugins.json');
  const plugins = [
    path.join(FIXTURES, 'faulty.ts'),
    path.join(FIXTURES, 'invalid.ts'),
    '@steppingstones/plugin-not-installed',
  ];
  fs.writeFileSync(file, JSON.stringify({ plugins }));
  return file;
}

// Renders start worker threads (TypeScript, the host, ECharts): slow on a small shared machine.
describe.each(testDialects())(
  'plugin menus, admin and report host on %s',
  { timeout: 180_000 },
  (dialect) => {
    let server: TestServer;
    let op: ApiClient;
    let blue: ApiClient;
    let admin: ApiClient;
    let outsider: ApiClient;
    const report = (key: string, query = '') =>
      `/api/v1/reports/test-faults/${key}/?engagement=TEST-1${query}`;
    const menu = async (client: ApiClient) =>
      (await client.get<{ results: MenuItem[] }>('/api/v1/plugin-points/?type=event-report')).body.results;

    beforeAll(async () => {
      process.env.STEPPINGSTONES_PLUGINS_FILE = writePluginList();
      server = await startTestServer(dialect);
      await seedPluginFixtures(server.ctx, 'TEST-1');
      await createTestEngagement(server.ctx, 'OTHER');
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
      await createTestUser(server.ctx, {
        username: 'outsider',
        groups: ['Red Team Operators'],
        engagements: ['OTHER'],
      });
      await createTestUser(server.ctx, { username: 'admin', superuser: true });
      [op, blue, admin, outsider] = await Promise.all([
        login(server.url, 'op'),
        login(server.url, 'blue'),
        login(server.url, 'admin'),
        login(server.url, 'outsider'),
      ]);
    });
    afterAll(async () => {
      delete process.env.STEPPINGSTONES_PLUGINS_FILE;
      await server.stop();
    });

    it('records load failures with their error and leaves those plugins out', async () => {
      const res = await admin.get<{ results: PluginRecord[] }>('/api/v1/plugins/');
      expect(res.status).toBe(200);
      const byId = Object.fromEntries(res.body.results.map((p) => [p.id, p]));
      expect(byId['test-faults']?.state).toBe('ok');
      expect(byId['test-invalid']?.state).toBe('failed');
      expect(byId['test-invalid']?.last_error).toContain('unknown permission code "report.fly"');
      expect(byId['test-invalid']?.last_error).toContain('every parameter needs a default');
      expect(byId['@steppingstones/plugin-not-installed']?.last_error).toContain('npm install');
      expect((await menu(admin)).map((m) => m.plugin)).not.toContain('test-invalid');
      expect((await op.get('/api/v1/plugins/')).status).toBe(403);
    });

    it('offers each user only the points they may run, sorted by category then title, with parameter defaults', async () => {
      const items = await menu(op);
      expect(items.map((m) => `${m.category}/${m.title}`)).toEqual([
        'Broken/Hangs',
        'Broken/Loops forever',
        'Broken/Malformed',
        'Broken/Throws',
        'External Tools/A file',
        'External Tools/Data',
        'HTML/Event table',
        'HTML/Needs credentials',
        'Images/Chart',
        'Markdown/Notes',
      ]);
      expect(items.find((m) => m.key === 'notes')?.params.properties?.count?.default).toBe(5);
      // The blue team lacks credential.view: the point requiring it is neither offered nor runnable.
      expect((await menu(blue)).map((m) => m.key)).not.toContain('secrets');
      expect((await blue.get(report('secrets'))).status).toBe(403);
      expect((await op.get(report('secrets'))).status).toBe(200);
    });

    it("adds each area's base permission: credential.view for credential reports, eventstream.add for sources", async () => {
      const offered = async (client: ApiClient, type: string) =>
        (await client.get<{ results: MenuItem[] }>(`/api/v1/plugin-points/?type=${type}`)).body.results.map(
          (m) => `${m.category}/${m.title}`,
        );
      expect(await offered(op, 'credential-report')).toEqual(['Secrets/Credentials']);
      expect(await offered(op, 'eventstream-source')).toEqual(['Logs/Log lines']);
      // The blue team holds neither credential.view nor eventstream.add.
      expect(await offered(blue, 'credential-report')).toEqual([]);
      expect(await offered(blue, 'eventstream-source')).toEqual([]);
      expect((await op.get('/api/v1/plugin-points/?type=task')).status).toBe(400);
    });

    it('serves HTML under a sandboxing CSP, escaped, with the filter applied', async () => {
      const res = await op.get<string>(report('table'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain(
        "sandbox allow-same-origin; default-src 'none'; style-src 'unsafe-inline'",
      );
      expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.body).not.toContain('<script>');
      expect(res.body).toContain('background-color: DarkSeaGreen');
      const filtered = await op.get<string>(report('table', '&tag=phishing'));
      expect(filtered.body).toContain('Sent phishing email');
      expect(filtered.body).not.toContain('DCSync');
    });

    it('returns markdown, JSON, files and charts with their content types', async () => {
      const md = await op.get<string>(report('notes', '&count=2'));
      expect(md.headers.get('content-type')).toContain('text/markdown');
      expect(md.body.split('\n')).toHaveLength(2);
      const json = await op.get<{ count: number }>(report('data', '&starred=true'));
      expect(json.headers.get('content-disposition')).toContain('attachment; filename="data.json"');
      expect(json.body).toEqual({ count: 1, engagement: 'TEST-1' });
      const file = await op.get<string>(report('export'));
      expect(file.headers.get('content-type')).toContain('text/csv');
      expect(file.headers.get('content-disposition')).toContain(
        "filename*=UTF-8''export%20%C3%BCn%C3%AF.csv",
      );
      const svg = await op.get<string>(report('chart', '&format=svg'));
      expect(svg.headers.get('content-type')).toBe('image/svg+xml');
      expect(svg.body).toContain('<svg');
      expect(svg.body).toContain('DC01');
      const png = await fetch(new URL(report('chart', '&format=png'), server.url), {
        headers: { cookie: op.cookie },
      });
      expect(png.headers.get('content-type')).toBe('image/png');
      expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      // The report viewer's interactive chart: the option as JSON, with the chart's size.
      const live = await op.get<{ option: { xAxis: { data: string[] } }; width: number; height: number }>(
        report('chart', '&format=echarts'),
      );
      expect(live.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect([live.body.width, live.body.height]).toEqual([400, 300]);
      expect(live.body.option.xAxis.data).toContain('DC01');
      const gif = await op.get<{ message: string }>(report('chart', '&format=gif'));
      expect(gif.status).toBe(400);
      expect(gif.body.message).toContain('format: must be one of svg, png, echarts');
    });

    it('answers 400 naming the parameter for bad parameters and filters', async () => {
      const bad = await op.get<{ fields: Array<{ field: string }> }>(report('notes', '&count=99'));
      expect(bad.status).toBe(400);
      expect(bad.body.fields[0]?.field).toBe('count');
      const unknown = await op.get<{ message: string }>(report('notes', '&colour=red'));
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toContain(
        'colour: is not a parameter of this report (its parameters: count)',
      );
      expect((await op.get(report('notes', '&detected=MAYBE'))).status).toBe(400);
      expect((await op.get('/api/v1/reports/test-faults/notes/')).status).toBe(400);
    });

    it('hides engagements the user does not belong to', async () => {
      expect((await outsider.get(report('notes'))).status).toBe(404);
    });

    it("shows a failing render as that report's error", async () => {
      const thrown = await op.get<{ error: string; message: string }>(report('throws'));
      expect(thrown.status).toBe(502);
      expect(thrown.body.message).toBe(
        'The report "Throws" (plugin test-faults) failed: the plugin tripped over its own feet',
      );
      const malformed = await op.get<{ message: string }>(report('malformed'));
      expect(malformed.status).toBe(502);
      expect(malformed.body.message).toContain('malformed output');
    });

    it('terminates an infinite loop at its deadline while other requests are served', async () => {
      // Two loaded threads: one for the loop, one for the report served meanwhile.
      await (await pluginHostFor(server.ctx)).threads.warm(2);
      let loopDone = false;
      const looping = op.get<{ error: string; message: string }>(report('loops')).then((r) => {
        loopDone = true;
        return r;
      });
      const health = await op.get('/healthz');
      const other = await op.get<string>(report('notes'));
      expect(health.status).toBe(200);
      expect(other.status).toBe(200);
      expect(loopDone).toBe(false);
      const res = await looping;
      expect(res.status).toBe(504);
      expect(res.body.error).toBe('plugin_timeout');
      expect(res.body.message).toContain('"Loops forever" (plugin test-faults) did not finish');
    });

    it("ends a render that never settles at its deadline, with that report's error", async () => {
      const res = await op.get<{ error: string; message: string }>(report('hangs'));
      expect(res.status).toBe(504);
      expect(res.body.error).toBe('plugin_timeout');
      expect(res.body.message).toContain('"Hangs" (plugin test-faults) did not finish within 1 s');
      expect((await op.get<string>(report('notes'))).status).toBe(200);
    });

    it('hides a disabled plugin or point from the menu and answers 404 on its URL', async () => {
      const disablePoint = await admin.patch('/api/v1/plugins/test-faults/points/notes/', { enabled: false });
      expect(disablePoint.status).toBe(200);
      expect((await menu(op)).map((m) => m.key)).not.toContain('notes');
      expect((await op.get(report('notes'))).status).toBe(404);
      expect((await op.get(report('data'))).status).toBe(200);

      await admin.patch('/api/v1/plugins/test-faults/', { enabled: false });
      expect(await menu(op)).toEqual([]);
      expect((await op.get(report('data'))).status).toBe(404);
      const records = await admin.get<{ results: PluginRecord[] }>('/api/v1/plugins/');
      expect(records.body.results.find((p) => p.id === 'test-faults')?.state).toBe('disabled');

      await admin.patch('/api/v1/plugins/test-faults/', { enabled: true });
      await admin.patch('/api/v1/plugins/test-faults/points/notes/', { enabled: true });
      expect((await menu(op)).map((m) => m.key)).toContain('notes');
      expect((await op.patch('/api/v1/plugins/test-faults/', { enabled: false })).status).toBe(403);
    });
  },
);
