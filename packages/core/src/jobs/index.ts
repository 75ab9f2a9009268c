export {
  type ClaimOptions,
  claimJobs,
  heldJob,
  LOST_LEASE_MESSAGE,
  releaseJobs,
  renewLeases,
} from './job.lease.ts';
export { type JobRow, toJobDto } from './job.mapper.ts';
export {
  type BackoffOptions,
  completeJob,
  failJob,
  failJobPermanently,
  pruneFinishedJobs,
} from './job.outcome.ts';
export { jobScope, requireJobAccess } from './job.policy.ts';
export { getJob, getJobRow, listJobs } from './job.queries.ts';
export { type ScheduleReport, scheduleTasks } from './job.scheduler.ts';
export { cancelJob, type EnqueueOptions, enqueueTask, insertJob, retryJob } from './job.service.ts';
export { backoffMs, nextAnchoredRun } from './job-timing.ts';
export {
  combineResolvers,
  DEFAULT_SCHEDULE,
  PermanentTaskError,
  staticResolver,
  type TaskDefinition,
  type TaskEntry,
  type TaskFunction,
  type TaskResolver,
  type TaskRunContext,
  type TaskSchedule,
} from './task-definition.ts';
