export { testDialects } from '@steppingstones/db/testing';
export { type DecodedPng, decodePng, parseSvg, type SvgRoot } from './chart-images.ts';
export { type PluginFixtures, seedPluginFixtures } from './fixtures.ts';
export {
  createPluginTestHarness,
  type PluginTestHarness,
  type RenderOptions,
  type RenderResult,
} from './harness.ts';
