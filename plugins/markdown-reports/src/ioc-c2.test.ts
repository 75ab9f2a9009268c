import {
  createPluginTestHarness,
  type PluginTestHarness,
  seedC2Fixtures,
  testDialects,
} from '@steppingstones/plugin-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.ts';

describe.each(testDialects())('C2 data in the Markdown reports on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    await seedC2Fixtures(h);
  });
  afterAll(() => h.dispose());

  it('lists the sessions established, oldest first, with channel, user, host and process', async () => {
    const { text } = await h.renderEventReport('markdown-ioc-report');
    expect(text).toContain('# Command and Control – Sessions Established');
    const rows = text.split('\n').filter((l) => l.startsWith('<tr><td>'));
    expect(rows).toEqual([
      '<tr><td>2026-12-31 23:50:01</td><td></td><td>alice</td><td>WS01</td><td>rundll32.exe (PID: 4242)</td></tr>',
      '<tr><td>2026-12-31 23:55:00</td><td>SMB (peer-to-peer)</td><td>SYSTEM</td><td>SRV02</td><td>spoolsv.exe (PID: 1312)</td></tr>',
      '<tr><td>2027-01-01 01:00:00</td><td>SSH (inbound)</td><td>root</td><td>lnx01</td><td>sshd (PID: 22)</td></tr>',
    ]);
  });

  it('leaves the section out for readers without c2.view (the blue team)', async () => {
    const { text } = await h.renderEventReport('markdown-ioc-report', {
      permissions: ['event.view', 'report.view', 'file.view'],
    });
    expect(text).not.toContain('Command and Control');
    expect(text).not.toContain('rundll32');
  });

  it('event logs add the uncloned C2 actions only when asked, and never for the blue team', async () => {
    const plain = await h.renderEventReport('markdown-event-logs');
    expect(plain.text).not.toContain('C2 actions not cloned');
    const withC2 = await h.renderEventReport('markdown-event-logs', { params: { includeC2Actions: 'true' } });
    expect(withC2.text).toContain('## C2 actions not cloned to events');
    expect(withC2.text).toContain('Tasked beacon to dump hashes');
    expect(withC2.text).toContain('Target: root on lnx01 (sshd (PID: 22))');
    const blue = await h.renderEventReport('markdown-event-logs', {
      params: { includeC2Actions: 'true' },
      permissions: ['event.view', 'report.view'],
    });
    expect(blue.text).not.toContain('C2 actions');
  });
});
