import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { objectKeysOfEngagement } from './attachment.queries.ts';
import { type AttachmentSettings, bucketOf } from './attachment.settings.ts';

/**
 * Runs an engagement purge and then removes its attachments' bucket objects. Rows and database chunks go
 * with the purge's cascade; objects cannot be in its transaction, so their keys are read first and
 * removed only once the purge has committed (a failed purge removes nothing). An object that cannot be
 * removed (bucket unreachable) is logged and left: the purge itself stands.
 */
export async function purgeWithAttachmentObjects<T>(
  db: Kysely<DB>,
  settings: AttachmentSettings,
  engagementCode: string,
  purge: () => Promise<T>,
  onError: (error: unknown) => void = () => undefined,
): Promise<T> {
  const engagement = await db
    .selectFrom('engagement')
    .select('id')
    .where('code', '=', engagementCode)
    .executeTakeFirst();
  const keys = engagement ? await objectKeysOfEngagement(db, Number(engagement.id)) : [];
  const result = await purge();
  if (keys.length) await bucketOf(settings).remove(keys).catch(onError);
  return result;
}
