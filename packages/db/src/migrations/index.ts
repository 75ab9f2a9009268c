import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../database-url.ts';
import * as m0001 from './0001-core.ts';
import * as m0002 from './0002-identity.ts';
import * as m0003 from './0003-attack.ts';
import * as m0004 from './0004-events.ts';
import * as m0005 from './0005-plugins.ts';
import * as m0006 from './0006-jobs.ts';
import * as m0007 from './0007-history.ts';
import * as m0008 from './0008-engagement-preferences.ts';
import * as m0009 from './0009-detection-sort-indexes.ts';
import * as m0010 from './0010-engagement-roles.ts';
import * as m0011 from './0011-credentials.ts';
import * as m0012 from './0012-eventstream.ts';
import * as m0013 from './0013-breach-checks.ts';
import * as m0014 from './0014-c2.ts';
import * as m0015 from './0015-event-presence.ts';
import * as m0016 from './0016-credential-import-progress.ts';
import * as m0017 from './0017-c2-exclusions.ts';
import * as m0018 from './0018-eventstream-import-job.ts';
import * as m0019 from './0019-credential-search-trgm.ts';
import * as m0020 from './0020-outcome-scale-indexes.ts';
import * as m0021 from './0021-eventstream-line-identity.ts';
import * as m0022 from './0022-search-reindex.ts';
import * as m0023 from './0023-webhook-delivery-message.ts';
import * as m0024 from './0024-search-attack-files.ts';
import * as m0025 from './0025-red-team-infrastructure.ts';
import * as m0026 from './0026-attachments.ts';
import * as m0027 from './0027-event-comments.ts';
import * as m0029 from './0029-c2-presence.ts';
import * as m0030 from './0030-credential-stats-search.ts';
import * as m0031 from './0031-eventstream-line-credentials.ts';
import * as m0032 from './0032-eventstream-line-write-indexes.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was when they were written.
type Up = (db: Kysely<any>, dialect: DialectName) => Promise<void>;

/** Every migration, in order. Names are stored in the database: never rename one. */
const MIGRATIONS: Array<[string, { up: Up }]> = [
  ['0001-core', m0001],
  ['0002-identity', m0002],
  ['0003-attack', m0003],
  ['0004-events', m0004],
  ['0005-plugins', m0005],
  ['0006-jobs', m0006],
  ['0007-history', m0007],
  ['0008-engagement-preferences', m0008],
  ['0009-detection-sort-indexes', m0009],
  ['0010-engagement-roles', m0010],
  ['0011-credentials', m0011],
  ['0012-eventstream', m0012],
  ['0013-breach-checks', m0013],
  ['0014-c2', m0014],
  ['0015-event-presence', m0015],
  ['0016-credential-import-progress', m0016],
  ['0017-c2-exclusions', m0017],
  ['0018-eventstream-import-job', m0018],
  ['0019-credential-search-trgm', m0019],
  ['0020-outcome-scale-indexes', m0020],
  ['0021-eventstream-line-identity', m0021],
  ['0022-search-reindex', m0022],
  ['0023-webhook-delivery-message', m0023],
  ['0024-search-attack-files', m0024],
  ['0025-red-team-infrastructure', m0025],
  ['0026-attachments', m0026],
  ['0027-event-comments', m0027],
  ['0029-c2-presence', m0029],
  ['0030-credential-stats-search', m0030],
  ['0031-eventstream-line-credentials', m0031],
  ['0032-eventstream-line-write-indexes', m0032],
];

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of MIGRATIONS) out[name] = { up: (db) => m.up(db, dialect) };
      return out;
    },
  };
}
