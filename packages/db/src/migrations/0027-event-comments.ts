import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // A conversation on each event. The side (red/blue) is fixed at posting time from the author's role
  // then, so a later change of role never relabels what was said. Edits and deletions keep the text:
  // the row holds the current body, `event_comment_revision` every earlier one.
  await withId(db.schema.createTable('event_comment'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    // A purged event takes its conversation with it; a trashed one keeps it.
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('author_user_id', 'bigint', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('side', 'varchar(4)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('red_team_only', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON array of the mentioned members' user ids, resolved when the body was saved.
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .addColumn('deleted_by', 'bigint', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('event_comment_event')
    .on('event_comment')
    .columns(['event_id', 'created_at'])
    .execute();
  // The grid's "has comments from the blue team" filter reads the engagement's blue comments here.
  await db.schema
    .createIndex('event_comment_side')
    .on('event_comment')
    .columns(['engagement_id', 'side', 'event_id'])
    .execute();

  await withId(db.schema.createTable('event_comment_revision'), dialect)
    .addColumn('comment_id', 'bigint', (c) => c.notNull().references('event_comment.id').onDelete('cascade'))
    /** edit | delete */
    .addColumn('action', 'varchar(10)', (c) => c.notNull())
    // The body and flag as they stood before this change.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('red_team_only', 'integer', (c) => c.notNull())
    .addColumn('actor_user_id', 'bigint', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('event_comment_revision_comment')
    .on('event_comment_revision')
    .columns(['comment_id', 'id'])
    .execute();
}
