import { z } from 'zod';

/** The longest comment body accepted, in characters (a long EDR excerpt fits; a log dump belongs in a file). */
export const COMMENT_MAX_CHARS = 20_000;
/** How long after posting its author may still edit a comment. */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;

export const COMMENT_SIDES = ['red', 'blue'] as const;
export type CommentSide = (typeof COMMENT_SIDES)[number];

const body = z
  .string({ error: 'is required: the comment text (Markdown)' })
  .max(COMMENT_MAX_CHARS, `must be at most ${COMMENT_MAX_CHARS.toLocaleString('en')} characters`)
  .refine((text) => text.trim().length > 0, 'must not be empty: write something to post')
  .describe(
    `The comment in Markdown (no HTML: tags show as text). \`@username\` mentions a member of the engagement. At most ${COMMENT_MAX_CHARS} characters.`,
  );

export const commentCreateSchema = z.object({
  body,
  red_team_only: z
    .boolean({ error: 'must be true or false' })
    .default(false)
    .describe('Hidden from the blue team in every view. Only the red team (operators, leads) may set it.'),
});
export type CommentCreate = z.input<typeof commentCreateSchema>;

export const commentPatchSchema = z.object({
  body: body.optional(),
  red_team_only: z.boolean({ error: 'must be true or false' }).optional(),
});
export type CommentPatch = z.input<typeof commentPatchSchema>;

/** An earlier text of a comment, before an edit or a deletion (shown to the engagement's lead). */
export const commentRevisionDtoSchema = z.object({
  action: z.enum(['edit', 'delete']),
  body: z.string(),
  red_team_only: z.boolean(),
  by: z.string().nullable(),
  at: z.string().describe('When it was replaced or deleted, ISO-8601 UTC.'),
});
export type CommentRevisionDto = z.infer<typeof commentRevisionDtoSchema>;

export const commentDtoSchema = z.object({
  id: z.number().int(),
  event_id: z.number().int(),
  author: z.string().nullable().describe('Username of the author.'),
  author_display_name: z.string().nullable(),
  side: z.enum(COMMENT_SIDES).describe('Which side spoke: the author’s role in the engagement when posting.'),
  body: z.string().describe('Markdown; empty for a deleted comment. Secrets are masked for the blue team.'),
  red_team_only: z.boolean(),
  mentions: z.array(z.string()).describe('Usernames of the members the body mentions.'),
  created_at: z.string(),
  edited_at: z.string().nullable(),
  deleted: z.boolean(),
  deleted_at: z.string().nullable(),
  can_edit: z.boolean().describe('The caller may edit it now (their own, within 15 minutes).'),
  can_delete: z.boolean(),
  history: z
    .array(commentRevisionDtoSchema)
    .optional()
    .describe('Earlier texts, oldest first; only for callers who hold audit.view here (the lead).'),
});
export type CommentDto = z.infer<typeof commentDtoSchema>;

/** A member who may be mentioned, for the comment box's autocomplete. */
export const mentionableDtoSchema = z.object({
  username: z.string(),
  display_name: z.string(),
  side: z.enum(COMMENT_SIDES),
});
export type MentionableDto = z.infer<typeof mentionableDtoSchema>;
