import { importC2Logs } from '@steppingstones/core/c2';
import { importEventStream } from '@steppingstones/core/eventstream';
import { systemPrincipal } from '@steppingstones/core/permissions';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

let n = 0;

/** An imported EventStream line of the fixture's engagement holding a hash the extractors find. */
async function fixtureLine(f: MatrixFixture): Promise<{ id: string }> {
  n++;
  const line = JSON.stringify({
    ts: '2026-01-01T00:00:00',
    d: `Origin matrix ${n}`,
    e: 'MATRIX\\origin:1000:aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c:::',
  });
  await importEventStream(f.ctx.services(), systemPrincipal(), f.engagement.code, [line]);
  const row = await f.ctx.database.db
    .selectFrom('eventstream_line')
    .select('id')
    .where('description', '=', `Origin matrix ${n}`)
    .executeTakeFirstOrThrow();
  return { id: String(row.id) };
}

/** An imported C2 action of the fixture's engagement. */
async function fixtureAction(f: MatrixFixture): Promise<{ id: string }> {
  await importC2Logs(f.ctx, systemPrincipal(), {
    engagement: f.engagement.code,
    adapter: 'cobalt-strike-logs',
    server: 'origin-matrix',
    filename: 'logs/261231/1.2.3.4/beacon_2.log',
    data: Buffer.from('12/31 23:59:59 UTC [input] <neo> hashdump'),
  });
  const row = await f.ctx.database.db
    .selectFrom('c2_action as a')
    .innerJoin('c2_session as s', 's.id', 'a.session_id')
    .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
    .select('a.id')
    .where('sv.engagement_id', '=', f.engagement.id)
    .orderBy('a.id', 'desc')
    .executeTakeFirstOrThrow();
  return { id: String(row.id) };
}

/** Permission-matrix samples for the credentials of a line and of a C2 action (red team only). */
export const ORIGIN_CREDENTIAL_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/eventstream/lines/:id/credentials': { params: fixtureLine, engagementScoped: true },
  'GET /api/v1/c2/actions/:id/credentials': { params: fixtureAction, engagementScoped: true },
};
