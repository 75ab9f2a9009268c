export {
  type ChosenEngagement,
  chooseEngagement,
  defaultEngagement,
  engagementByCode,
} from './engagement-choice.ts';
export { decodeCursor, encodeCursor } from './event.cursor.ts';
export { eventFilterConditions } from './event.filter.ts';
export { attackLabel, toEventDto } from './event.mapper.ts';
export { COUNT_CAP } from './event.page.ts';
export {
  type EventPage,
  eventEngagementId,
  getEvent,
  listEvents,
  loadEventDtos,
} from './event.queries.ts';
export { canSeeCredentials, type Redactor, redactorFor } from './event.redaction.ts';
export { buildEventSearchDoc, reindexEvents } from './event.search-doc.ts';
export { type ReindexCounts, reindexEventSearch } from './event.search-reindex.ts';
export {
  createEvent,
  deleteEvent,
  limitedUpdateEvent,
  patchEvent,
  replaceEvent,
  setEventStar,
  type WriteOptions,
} from './event.service.ts';
export { SEARCH_REINDEX_TASK, searchReindexPayloadSchema } from './search-reindex.task.ts';
