import { type ServiceContext, transactionOf } from '../service-context.ts';

/** The red team infrastructure columns of one imported row: whether its source / target host is ours. */
export interface RedTeamMarks {
  source: boolean;
  target: boolean;
}

/**
 * Marks the contexts of an imported event as red team infrastructure where its row says so. An import
 * only adds the mark: a "No" leaves a context the engagement already marked as it is (the mark belongs
 * to the shared context, which other events use too). Event history does not hold the mark, so no
 * revision is written for it.
 */
export async function markRedTeamInfrastructure(
  ctx: ServiceContext,
  eventId: number,
  marks: RedTeamMarks,
): Promise<void> {
  const columns = [
    ...(marks.source ? (['source_context_id'] as const) : []),
    ...(marks.target ? (['target_context_id'] as const) : []),
  ];
  if (!columns.length) return;
  const tx = transactionOf(ctx);
  for (const column of columns)
    await tx
      .updateTable('context')
      .set({ red_team_infrastructure: 1, updated_at: ctx.clock.now() })
      .where('red_team_infrastructure', '=', 0)
      .where('id', '=', (eb) => eb.selectFrom('event').select(column).where('event.id', '=', eventId))
      .execute();
}
