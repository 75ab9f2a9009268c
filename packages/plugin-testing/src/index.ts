// `@steppingstones/plugin-testing`: the test harness for plugins. It runs the host's own code (a real
// database, fixtures, the report checks), so it depends on the core; the SDK a plugin ships with does
// not. Plugins import it from their `*.test.ts` files only (lint enforces it).

// C2 sources: `createC2SourceHarness(plugin)` imports files through the host's C2 import (real database,
// archives opened by the host); `c2TarGz()` / `C2_FIXTURE_FILES` are a team server's logs/ across a year end.
export {
  C2_FIXTURE_FILES,
  type C2SourceHarness,
  c2Tar,
  c2TarGz,
  createC2SourceHarness,
} from '@steppingstones/core/c2/testing';
export {
  createPluginTestHarness,
  // Charts: `decodePng(bytes)` → `{ width, height, pixels }` (RGBA, every chunk checked) and
  // `parseSvg(text)` → the root's `width`, `height`, `viewBox` and the texts, parsed as XML.
  type DecodedPng,
  decodePng,
  type PluginFixtures,
  type PluginTestHarness,
  parseSvg,
  type RenderOptions,
  type RenderResult,
  type SvgRoot,
  /** `['sqlite']`, plus `'postgres'` when TEST_DATABASE_URL is set: run a plugin's tests on both. */
  testDialects,
} from '@steppingstones/core/plugins/testing';
export { seedC2Fixtures } from './c2-fixture.ts';
export { seedCredentialFixtures } from './credential-fixture.ts';
export { FORMULA, HOSTILE, OTHER_ENGAGEMENT_TEXT, seedReportFixtures } from './report-fixture.ts';
export { setBreachChecks, taskContext } from './task-context.ts';
