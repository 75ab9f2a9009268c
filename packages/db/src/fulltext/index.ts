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
export {
  endsInPrefix,
  type IgnoredWord,
  type IgnoredWordReason,
  MAX_SEARCH_WORDS,
  normaliseSearchText,
  POSTGRES_MAX_INDEXED_CHARS,
  type SearchTerms,
  searchPhrases,
  searchTerms,
} from './search-text.ts';
