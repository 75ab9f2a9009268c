export { listC2Actions, listC2Downloads, listC2Servers, listC2Sessions } from './c2.queries.ts';
export { cloneActionsToEvents, cloneActionToEvent, eventDraftForAction } from './c2-clone.service.ts';
export {
  cloneC2RecordToEvent,
  eventDraftForDownload,
  eventDraftForSession,
} from './c2-clone-records.service.ts';
export { addC2Exclusion, listC2Exclusions, removeC2Exclusion } from './c2-exclusions.service.ts';
export { C2_EXCLUSION_FIELDS, type C2ExclusionField, excludedSessionIds } from './c2-exclusions.ts';
export type { C2ImportRequest, C2ImportResult } from './c2-import.service.ts';
export { importC2Logs, nothingImported } from './c2-import.service.ts';
export type { C2Page } from './c2-paging.ts';
export type { C2ParseResult, C2Record, C2Rejection } from './c2-records.ts';
export { type C2Source, findC2Source, listC2Sources } from './c2-source.ts';
export { setC2Watch } from './c2-watch.service.ts';
export * from './follow/index.ts';
