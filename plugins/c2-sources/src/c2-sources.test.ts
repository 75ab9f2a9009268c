import {
  type C2SourceHarness,
  c2TarGz,
  createC2SourceHarness,
  testDialects,
} from '@steppingstones/plugin-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.ts';

describe.each(testDialects())('the cobalt-strike-logs adapter through the host import on %s', (dialect) => {
  let harness: C2SourceHarness;
  beforeAll(async () => {
    harness = await createC2SourceHarness(plugin, {
      dialect,
      specifier: new URL('./index.ts', import.meta.url).href,
    });
  });
  afterAll(() => harness.dispose());

  it('imports a team server archive with exact counts, and again adds nothing', async () => {
    const archive = await c2TarGz();
    const first = await harness.importFile('cobalt-strike-logs', 'logs.tar.gz', archive);
    expect(first).toMatchObject({ sessions: 3, actions: 6, downloads: 2, files: 1, credentials: 1 });
    expect(first.rejected).toEqual([
      { entry: 'logs/270101/10.0.0.10/beacon_999.log', reason: 'the log is empty' },
      { entry: '../outside/beacon_1.log', reason: 'the path leaves the archive; skipped' },
    ]);
    const again = await harness.importFile('c2-sources:cobalt-strike-logs', 'logs.tar.gz', archive);
    expect(again).toMatchObject({ sessions: 0, actions: 0, downloads: 0, files: 0, credentials: 0 });
    const servers = await harness.context.database.db.selectFrom('c2_server').select('kind').execute();
    expect(servers.map((s) => s.kind)).toEqual(['cobalt-strike']);
  });

  it('names the file types it reads when given something else', async () => {
    const result = await harness.importFile('cobalt-strike-logs', 'notes.txt', Buffer.from('hello'));
    expect(result.rejected).toEqual([
      {
        entry: 'notes.txt',
        reason: 'not a .tar, .tar.gz or .zip archive, nor a beacon_*.log, ssh_*.log or downloads.log',
      },
    ]);
    expect(result.read).toBe(0);
  });

  it('is the only adapter an unknown name is told about', async () => {
    await expect(harness.importFile('sliver-logs', 'x.log', Buffer.from('x'))).rejects.toThrow(
      /must be one of cobalt-strike-logs/,
    );
  });
});
