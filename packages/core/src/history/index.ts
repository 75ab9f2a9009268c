export { historyKeyOf } from '../service-context.ts';
export { canonicalJson } from './canonical-json.ts';
export { type EventSnapshot, snapshotEvent } from './event-snapshot.ts';
export {
  listDeletedEvents,
  listEventRevisions,
  type RevisionDto,
  type TrashItem,
} from './history.queries.ts';
export {
  checkpointSchema,
  createCheckpoint,
  type HistoryCheckpoint,
  verifyCheckpoint,
} from './history-checkpoint.ts';
export { restoreEventRevision, undeleteEvent } from './history-restore.service.ts';
export { type HistoryProblem, type VerifyReport, verifyHistory } from './history-verify.ts';
export { type RevisionAction, recordEventRevision } from './revision.service.ts';
