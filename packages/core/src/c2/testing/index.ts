export { C2_FIXTURE_FILES, c2Tar, c2TarGz } from './c2-archive.fixture.ts';
export { buildZip } from './zip.fixture.ts';
