export { C2Follower, type FollowBatch, type FollowerOptions, type FollowSink } from './c2-follower.ts';
export { type FollowTarget, httpFollowSink, localFollowSink } from './follow-sinks.ts';
