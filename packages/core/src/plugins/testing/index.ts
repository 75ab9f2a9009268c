export { testDialects } from '@steppingstones/db/testing';
export { type PluginFixtures, seedPluginFixtures } from './fixtures.ts';
export {
  createPluginTestHarness,
  type PluginTestHarness,
  type RenderOptions,
  type RenderResult,
} from './harness.ts';
