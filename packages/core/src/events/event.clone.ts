import type { Principal } from '../permissions/index.ts';
import { type ServiceContext, transactionOf } from '../service-context.ts';
import { eventValuesFromFields, type ParsedEventFields, writeEvent } from './event.write.ts';

/**
 * Saves the event cloned from an imported record (a C2 action, an EventStream line) as the user sent
 * the form, and links the record to it, in the caller's transaction.
 */
export async function writeClonedEvent(
  ctx: ServiceContext,
  principal: Principal,
  engagementId: number,
  data: ParsedEventFields,
  operator: number,
  record: { table: 'c2_action' | 'c2_download' | 'c2_session' | 'eventstream_line'; id: number },
): Promise<number> {
  const tx = transactionOf(ctx);
  const eventId = await writeEvent(
    ctx,
    principal.userId,
    engagementId,
    null,
    eventValuesFromFields(data, operator, false),
    { tags: data.tags ?? [], files: data.files ?? [] },
  );
  // Every such table has the same `event_id` link; the cast only picks one for the type checker.
  await tx
    .updateTable(record.table as 'c2_action')
    .set({ event_id: eventId })
    .where('id', '=', record.id)
    .execute();
  return eventId;
}
