export { mentionedNames, resolveMentions } from './comment.mentions.ts';
export { readsCommentHistory, seesRedTeamOnly, sideIn } from './comment.policy.ts';
export {
  commentCountsOfEvents,
  commentEventEngagement,
  getComment,
  listComments,
  mentionableMembers,
} from './comment.queries.ts';
export { createComment, deleteComment, editComment } from './comment.service.ts';
