export { toEngagementDto } from './engagement.mapper.ts';
export {
  type EngagementScope,
  findEngagementByCode,
  findVisibleEngagement,
  getEngagement,
  listEngagements,
} from './engagement.queries.ts';
export { type Actor, assertWritable, createEngagement, updateEngagement } from './engagement.service.ts';
export { purgeEngagement } from './engagement-purge.service.ts';
