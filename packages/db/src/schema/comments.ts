import type { Generated } from 'kysely';

/**
 * The conversation on each event (issue 21). `side` is `red` or `blue`, taken from the author's role
 * in the engagement when they posted; a `red_team_only` comment is never shown to the blue team.
 */
export interface EventCommentTable {
  id: Generated<number>;
  engagement_id: number;
  event_id: number;
  author_user_id: number | null;
  side: string;
  /** Markdown as typed (rendered safely by the web, never as HTML). */
  body: string;
  red_team_only: Generated<number>;
  /** JSON array of mentioned members' user ids. */
  mentions: Generated<string>;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  deleted_by: number | null;
}

/** Each earlier body of a comment, kept when it was edited or deleted (readable to leads). */
export interface EventCommentRevisionTable {
  id: Generated<number>;
  comment_id: number;
  /** edit | delete */
  action: string;
  body: string;
  red_team_only: number;
  actor_user_id: number | null;
  created_at: number;
}

export interface CommentsTables {
  event_comment: EventCommentTable;
  event_comment_revision: EventCommentRevisionTable;
}
