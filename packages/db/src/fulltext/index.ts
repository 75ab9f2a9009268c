export { CREDENTIAL_SEARCH_TEXT_SQL } from './credential-search.ts';
export {
  createEventSearchStructures,
  deleteEventSearchDocs,
  type EventSearchDoc,
  eventSearchCondition,
  eventSearchIds,
  type SearchIdRange,
  writeEventSearchDocs,
} from './event-search.ts';
export { normaliseSearchText, POSTGRES_MAX_INDEXED_CHARS, searchPhrases } from './search-text.ts';
