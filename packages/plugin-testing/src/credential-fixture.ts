// The fixture vault of the credential report plugins' golden tests: the same small vault the
// statistics API tests count by hand (reuse, history, password = username, LM and NT, a local
// administrator on two hosts, breach counts), in the harness's fixture engagement.
import { buildStatsVault } from '@steppingstones/core/credential-analytics';
import type { PluginTestHarness } from '@steppingstones/core/plugins/testing';

/** Adds the fixture credentials to the harness's engagement. Golden files depend on it. */
export async function seedCredentialFixtures(h: PluginTestHarness): Promise<void> {
  await buildStatsVault(h.context, h.fixtures.engagement.id, h.fixtures.engagement.code);
}
