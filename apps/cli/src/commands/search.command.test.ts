import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { createEvent, listEvents } from '@steppingstones/core/events';
import type { Principal } from '@steppingstones/core/permissions';
import { arrangeOperator, createTestContext, type TestContext } from '@steppingstones/core/testing';
import { writeEventSearchDocs } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { ROLE_PERMISSIONS } from '@steppingstones/shared';
import { eventListQuerySchema } from '@steppingstones/shared/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');

describe.each(testDialects())('steppingstones search reindex on %s', { timeout: 180_000 }, (dialect) => {
  let ctx: TestContext;
  let op: Principal;
  let blue: Principal;
  const ids: Record<string, number> = {};
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'search', 'reindex', ...args], {
      env: { ...process.env, ...ctx.env, LOG_LEVEL: '' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  /** What a blue-team reader of the engagement finds by searching `term`. */
  const blueFinds = async (code: string, term: string) =>
    (
      await listEvents(ctx.database.db, blue, eventListQuerySchema.parse({ engagement: code, search: term }))
    ).results.map((e) => e.id);

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    const arranged = await arrangeOperator(ctx.services(), ['OLD', 'TWO']);
    op = arranged.principal;
    blue = { ...op, permissions: new Set(ROLE_PERMISSIONS['blue-read-only']) };
    for (const code of ['OLD', 'TWO']) {
      const event = await createEvent(ctx.services(), op, {
        engagement: code,
        timestamp: '2026-03-02T14:02:09Z',
        source: { host: 'WS01', user: `pw: OldSecret${code}`, process: 'mysql' },
        target: { host: 'DC01' },
        description: 'Logged in to the database',
      });
      ids[code] = event.id;
      // The document as an index built before contexts were masked held it: the password in clear.
      await writeEventSearchDocs(ctx.database.db, [
        {
          eventId: event.id,
          publicText: `Logged in to the database\nWS01\npw: OldSecret${code}\nmysql\nDC01`,
          secretText: null,
        },
      ]);
    }
  });
  afterEach(() => ctx.dispose());

  it('rebuilds old documents so a blue-team reader no longer finds an event by its masked password', async () => {
    expect(await blueFinds('OLD', 'OldSecretOLD')).toEqual([ids.OLD]);
    const out = cli(['--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ events: 2 });
    expect(await blueFinds('OLD', 'OldSecretOLD')).toEqual([]);
    expect(await blueFinds('TWO', 'OldSecretTWO')).toEqual([]);
    // The words around the secret are still found, and the operator still finds the secret itself.
    expect(await blueFinds('OLD', 'mysql')).toEqual([ids.OLD]);
    const opFinds = await listEvents(
      ctx.database.db,
      op,
      eventListQuerySchema.parse({ engagement: 'OLD', search: 'OldSecretOLD' }),
    );
    expect(opFinds.results.map((e) => e.id)).toEqual([ids.OLD]);
  });

  it('reindexes one engagement only with --engagement, and names an unknown one', async () => {
    const out = cli(['--engagement', 'OLD']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe('OLD: 1 event(s) reindexed.\n');
    expect(await blueFinds('OLD', 'OldSecretOLD')).toEqual([]);
    expect(await blueFinds('TWO', 'OldSecretTWO')).toEqual([ids.TWO]);
    const unknown = cli(['--engagement', 'NOPE']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('The engagement "NOPE" was not found.');
    expect(unknown.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
