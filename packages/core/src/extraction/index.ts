export { EXTRACTORS, SECRET_CATALOGUE } from './catalogue.ts';
export type { CredentialExtractor, CredentialFinding } from './credential-finding.ts';
export { resetScanMeter, scanMeter } from './engine.ts';
export { type BackfillCounts, backfillEventExtractions } from './event-backfill.ts';
export {
  EXTRACT_EVENT_MAX_ATTEMPTS,
  EXTRACT_EVENT_TASK,
  extractEventCredentials,
  extractEventPayloadSchema,
  queueEventExtractions,
} from './event-extraction.ts';
export { type ExtractOptions, extractCredentials } from './extract.ts';
export { HashMode } from './hash-modes.ts';
export type { CatalogueExtractor, CataloguePattern } from './pattern.ts';
