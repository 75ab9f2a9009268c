import { type ClockedHandle, transactionOf } from '../service-context.ts';

/** Trimmed, de-duplicated case-insensitively; the first spelling wins. */
export function normaliseTagNames(names: string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim();
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

/**
 * Tag ids for names within an engagement, creating missing tags. Case-insensitive: "Foo" reuses an
 * existing "foo" (keeping its spelling).
 */
export async function ensureTags(
  ctx: ClockedHandle,
  engagementId: number,
  names: string[],
): Promise<number[]> {
  const wanted = normaliseTagNames(names);
  if (wanted.length === 0) return [];
  const { clock } = ctx;
  const tx = transactionOf(ctx);
  const now = clock.now();
  await tx
    .insertInto('tag')
    .values(
      wanted.map((name) => ({
        engagement_id: engagementId,
        name,
        name_lower: name.toLowerCase(),
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['engagement_id', 'name_lower']).doNothing())
    .execute();
  const rows = await tx
    .selectFrom('tag')
    .select('id')
    .where('engagement_id', '=', engagementId)
    .where(
      'name_lower',
      'in',
      wanted.map((n) => n.toLowerCase()),
    )
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Replaces an event's tags. */
export async function setEventTags(
  ctx: ClockedHandle,
  engagementId: number,
  eventId: number,
  names: string[],
): Promise<void> {
  const tx = transactionOf(ctx);
  const ids = await ensureTags(ctx, engagementId, names);
  await tx.deleteFrom('event_tag').where('event_id', '=', eventId).execute();
  if (ids.length)
    await tx
      .insertInto('event_tag')
      .values(ids.map((tag_id) => ({ event_id: eventId, tag_id })))
      .execute();
}
