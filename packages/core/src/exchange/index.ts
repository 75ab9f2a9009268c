export { streamEventsCsv } from './csv-export-stream.ts';
export { DETECTED_LABELS, EVENT_HEADER, PREVENTED_LABELS } from './event-columns.ts';
export { eventsCsv } from './event-csv.ts';
export { type ImportReport, importEventsCsv } from './event-import.ts';
export { prepareEventsXlsx, writeEventsXlsx } from './event-xlsx.ts';
export { neutraliseCell, restoreCell } from './formula-guard.ts';
export { ImportStoppedError } from './import-stopped.ts';
