import { importC2Logs } from '@steppingstones/core/c2';
import { C2_FIXTURE_FILES } from '@steppingstones/core/c2/testing';
import type { PluginTestHarness } from '@steppingstones/core/plugins/testing';

/**
 * Imports the C2 fixture's beacon and SSH logs (three sessions across a year end: WS01, the SMB-linked
 * SRV02 and the SSH session lnx01, with their operator actions) into the harness's engagement, through
 * the host's C2 import (needs the `c2-sources` plugin installed).
 */
export async function seedC2Fixtures(h: PluginTestHarness): Promise<void> {
  const entries = Object.entries(C2_FIXTURE_FILES)
    .filter(([path]) => /\/(beacon|ssh)_\d+\.log$/.test(path))
    .map(([path, text]) => ({ path, text }));
  await importC2Logs(h.context, h.fixtures.operator, {
    engagement: h.fixtures.engagement.code,
    adapter: 'cobalt-strike-logs',
    server: 'ts1',
    filename: 'logs',
    entries,
  });
}
