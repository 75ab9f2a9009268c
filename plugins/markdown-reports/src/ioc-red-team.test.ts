import {
  createPluginTestHarness,
  type PluginTestHarness,
  testDialects,
} from '@steppingstones/plugin-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.ts';

describe.each(testDialects())('IOC report: red team infrastructure on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
  });
  afterAll(() => h.dispose());

  const section = (text: string, title: string) => text.split(`# ${title}`)[1]?.split('\n# ')[0] ?? '';

  it('has no such section while no host is marked', async () => {
    await h.addEvent({
      timestamp: '2026-02-01T10:00:00Z',
      description: 'step',
      source: { host: '45.79.19.196' },
      target: { host: 'WS07' },
    });
    const { text } = await h.renderEventReport('markdown-ioc-report', { params: { company: 'ACME' } });
    expect(text).not.toContain('# Red team infrastructure');
    expect(section(text, 'External Infrastructure')).toContain('45.79.19.196');
  });

  it('lists marked hosts under their own section and no longer as the client’s hosts', async () => {
    const vps = await h.addEvent({
      timestamp: '2026-02-01T11:00:00Z',
      description: 'step',
      source: { host: '139.59.1.2', user: 'op' },
      target: { host: 'WS07', user: 'bob' },
    });
    const cracker = await h.addEvent({
      timestamp: '2026-02-01T12:00:00Z',
      description: 'step',
      source: { host: '10.99.0.5', user: 'cracker' },
      target: { host: 'WS07' },
    });
    await h.context.database.db
      .updateTable('context')
      .set({ red_team_infrastructure: 1 })
      .where('id', 'in', [vps.source.id, cracker.source.id])
      .execute();
    const { text } = await h.renderEventReport('markdown-ioc-report', { params: { company: 'ACME' } });
    const red = section(text, 'Red team infrastructure');
    expect(red).toContain('not to ACME');
    expect(red.split('\n').filter((l) => l.startsWith('* '))).toEqual(['* 10.99.0.5', '* 139.59.1.2']);
    const external = section(text, 'External Infrastructure');
    expect(external).toContain('45.79.19.196');
    expect(external).not.toContain('139.59.1.2');
    expect(section(text, 'Internal Infrastructure')).not.toContain('10.99.0.5');
    expect(section(text, 'Compromised Accounts')).not.toContain('cracker');
  });
});
