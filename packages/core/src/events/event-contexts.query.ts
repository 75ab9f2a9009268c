import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';

/** An event row with its source (`s`) and target (`t`) contexts joined: where every event read starts. */
export function eventsWithContexts(db: Kysely<DB>) {
  return db
    .selectFrom('event')
    .innerJoin('context as s', 's.id', 'event.source_context_id')
    .innerJoin('context as t', 't.id', 'event.target_context_id');
}

/** The contexts' host, user and process, as `s_host` … `t_process` (what the mappers read). */
export const CONTEXT_COLUMNS = [
  's.host as s_host',
  's.user as s_user',
  's.process as s_process',
  't.host as t_host',
  't.user as t_user',
  't.process as t_process',
] as const;
