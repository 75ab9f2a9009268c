// `@steppingstones/plugin-sdk/testing`: the test harness for plugins. It runs the host's own code
// (real database, fixtures, the report checks); plugins import it only from their tests.
export {
  createPluginTestHarness,
  type PluginFixtures,
  type PluginTestHarness,
  type RenderOptions,
  type RenderResult,
  /** `['sqlite']`, plus `'postgres'` when TEST_DATABASE_URL is set: run a plugin's tests on both. */
  testDialects,
} from '@steppingstones/core/plugins/testing';
export { FORMULA, HOSTILE, OTHER_ENGAGEMENT_TEXT, seedReportFixtures } from './report-fixture.ts';
