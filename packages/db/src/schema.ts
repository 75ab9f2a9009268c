import type { AttachmentsTables } from './schema/attachments.ts';
import type { AttackTables } from './schema/attack.ts';
import type { C2Tables } from './schema/c2.ts';
import type { CommentsTables } from './schema/comments.ts';
import type { CoreTables } from './schema/core.ts';
import type { CredentialsTables } from './schema/credentials.ts';
import type { EventsTables } from './schema/events.ts';
import type { EventStreamTables } from './schema/eventstream.ts';
import type { HistoryTables } from './schema/history.ts';
import type { IdentityTables } from './schema/identity.ts';
import type { JobsTables } from './schema/jobs.ts';
import type { PluginsTables } from './schema/plugins.ts';

export type * from './schema/attachments.ts';
export type * from './schema/attack.ts';
export type * from './schema/c2.ts';
export type * from './schema/comments.ts';
export type * from './schema/core.ts';
export type * from './schema/credentials.ts';
export type * from './schema/events.ts';
export type * from './schema/eventstream.ts';
export type * from './schema/history.ts';
export type * from './schema/identity.ts';
export type * from './schema/jobs.ts';
export type * from './schema/plugins.ts';

/** The whole database, composed from each area's tables. */
export interface DB
  extends CoreTables,
    IdentityTables,
    AttackTables,
    JobsTables,
    PluginsTables,
    EventsTables,
    HistoryTables,
    CredentialsTables,
    EventStreamTables,
    C2Tables,
    AttachmentsTables,
    CommentsTables {}
