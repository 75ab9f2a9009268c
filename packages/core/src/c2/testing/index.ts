export { C2_FIXTURE_FILES, c2Tar, c2TarGz } from './c2-archive.fixture.ts';
export { type C2SourceHarness, createC2SourceHarness } from './c2-source-harness.ts';
export { buildZip } from './zip.fixture.ts';
