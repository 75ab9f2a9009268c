export {
  ASYNC_THRESHOLD_BYTES,
  type EventStreamImportJob,
  getBackgroundImport,
  startBackgroundImport,
} from './eventstream-async.ts';
export { cloneLinesToEvents, cloneLineToEvent, eventDraftForLine } from './eventstream-clone.service.ts';
export type { EventDraft } from './eventstream-draft.ts';
export { eventstreamEngagement } from './eventstream-engagement.ts';
export { eventToRecord, streamEventsAsEventStream } from './eventstream-export.ts';
export {
  EVENTSTREAM_EXAMPLE_FILE,
  EVENTSTREAM_SCHEMA_FILE,
  eventstreamExampleText,
  eventstreamSchemaText,
} from './eventstream-files.ts';
export {
  checkEventStreamLine,
  checkEventStreamRecord,
  type EventStreamValues,
} from './eventstream-format.ts';
export {
  EVENTSTREAM_IMPORT_MAX_ATTEMPTS,
  EVENTSTREAM_IMPORT_TASK,
  EVENTSTREAM_IMPORT_TIMEOUT_MS,
  type EventStreamImportPayload,
  eventstreamImportPayloadSchema,
} from './eventstream-import.queue.ts';
export {
  type EventStreamImportRequest,
  PARALLEL_FROM_BYTES,
  runEventStreamImport,
} from './eventstream-import.request.ts';
export {
  type EventStreamImportOptions,
  type EventStreamImportProgress,
  type EventStreamImportResult,
  importEventStream,
} from './eventstream-import.service.ts';
export { LINE_COUNT_CAP, type LinePage, listEventStreamLines } from './eventstream-line.queries.ts';
export { readEventStreamTime } from './eventstream-time.ts';
export { DEFAULT_MAX_LINE_BYTES, type ReadLine, readLineBatches, readLines } from './line-reader.ts';
export { findSource, MAX_SOURCE_BYTES, runSource, type SourceRequest } from './source-run.ts';
