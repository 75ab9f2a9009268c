import crypto from 'node:crypto';
import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { historyKeyOf, type ServiceContext } from '../service-context.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH } from './chain-hash.ts';

export const checkpointSchema = z.object({
  format: z.literal('steppingstones-history-checkpoint/1'),
  engagement: z.string(),
  head_seq: z.number().int().nonnegative(),
  head_hash: z.string().regex(/^[0-9a-f]{64}$/),
  revisions: z.number().int().nonnegative(),
  at: z.string(),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HistoryCheckpoint = z.infer<typeof checkpointSchema>;

function sign(key: Buffer, body: Omit<HistoryCheckpoint, 'signature'>): string {
  return crypto
    .createHmac('sha256', key)
    .update(`checkpoint:${canonicalJson(body)}`)
    .digest('hex');
}

/**
 * A signed statement of an engagement's chain head that a client can keep and later check against,
 * signed with the history key and dated by the context's clock.
 */
export async function createCheckpoint(
  ctx: ServiceContext,
  engagement: { id: number; code: string },
): Promise<HistoryCheckpoint> {
  const head = await ctx.db
    .selectFrom('history_head')
    .select(['seq', 'hash'])
    .where('engagement_id', '=', engagement.id)
    .executeTakeFirst();
  const body = {
    format: 'steppingstones-history-checkpoint/1' as const,
    engagement: engagement.code,
    head_seq: head ? Number(head.seq) : 0,
    head_hash: head ? head.hash : GENESIS_HASH,
    revisions: head ? Number(head.seq) : 0,
    at: new Date(ctx.clock.now()).toISOString(),
  };
  return { ...body, signature: sign(historyKeyOf(ctx), body) };
}

/**
 * Checks a kept checkpoint: its signature is this instance's, and the chain still holds the same
 * revision at the same position (so nothing up to the checkpoint was rewritten since).
 */
export async function verifyCheckpoint(
  db: Kysely<DB>,
  key: Buffer,
  input: unknown,
): Promise<{ ok: boolean; message: string }> {
  const parsed = checkpointSchema.safeParse(input);
  if (!parsed.success)
    throw ValidationError.field(
      'checkpoint',
      `is not a history checkpoint: ${parsed.error.issues[0]?.message}`,
    );
  const { signature, ...body } = parsed.data;
  const expected = sign(key, body);
  if (!crypto.timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(signature, 'hex'))) {
    return {
      ok: false,
      message: 'The checkpoint signature does not match: it was altered or comes from another instance.',
    };
  }
  if (body.head_seq === 0)
    return { ok: true, message: `Checkpoint of ${body.engagement} at an empty history: nothing to compare.` };
  const row = await db
    .selectFrom('event_revision')
    .innerJoin('engagement', 'engagement.id', 'event_revision.engagement_id')
    .select('event_revision.hash')
    .where('engagement.code', '=', body.engagement)
    .where('event_revision.seq', '=', body.head_seq)
    .executeTakeFirst();
  if (!row)
    return {
      ok: false,
      message: `Revision ${body.head_seq} of ${body.engagement}, present at the checkpoint, is gone.`,
    };
  if (row.hash !== body.head_hash)
    return {
      ok: false,
      message: `Revision ${body.head_seq} of ${body.engagement} differs from the checkpoint: history was rewritten.`,
    };
  return {
    ok: true,
    message: `The history of ${body.engagement} still holds revision ${body.head_seq} as checkpointed at ${body.at}.`,
  };
}
