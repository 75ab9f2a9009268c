// The one formula guard, shared with plugins' CSV reports.
export { neutraliseCell, restoreCell } from '@steppingstones/plugin-sdk';
