export { listC2Actions, listC2Downloads, listC2Servers, listC2Sessions } from './c2.queries.ts';
export { cloneActionToEvent, eventDraftForAction } from './c2-clone.service.ts';
export type { C2ImportRequest, C2ImportResult } from './c2-import.service.ts';
export { importC2Logs, nothingImported } from './c2-import.service.ts';
export type { C2Page } from './c2-paging.ts';
export type { C2ParseResult, C2Record, C2Rejection } from './c2-records.ts';
export { type C2Source, findC2Source, listC2Sources } from './c2-source.ts';
