export { streamEventsCsv } from './csv-export-stream.ts';
export { DETECTED_LABELS, EVENT_HEADER, PREVENTED_LABELS } from './event-columns.ts';
export { eventsCsv } from './event-csv.ts';
export { describeEventFilter } from './event-filter-summary.ts';
export { type ImportReport, importEventsCsv } from './event-import.ts';
export { PDF_EVENT_LIMIT, prepareEventsPdf } from './event-pdf.ts';
export { prepareEventsXlsx, writeEventsXlsx } from './event-xlsx.ts';
export { neutraliseCell, restoreCell } from './formula-guard.ts';
export { ImportStoppedError } from './import-stopped.ts';
