import { testDialects } from '@steppingstones/db/testing';
import type { ContextDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/index.ts';
import { type EventWorld, startEventWorld } from './events.fixture.ts';

interface Envelope<T> {
  count: number | string;
  next: string | null;
  results: T[];
}

/** More rows than the count cap (10,000): what a masked reader finds must not depend on it. */
const ROWS = 10_050;

/**
 * Search over masked context values beyond ten thousand rows: every row holds a password, and the one
 * row a blue-team reader may find (its text is no secret) is the last in the list's order. The hidden
 * text matches the term in every row, so every row is a candidate the search must look past.
 */
describe.each(testDialects())('masked search beyond the count cap on %s', { timeout: 300_000 }, (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    const db = w.server.ctx.database.db;
    const acme = await db
      .selectFrom('engagement')
      .select('id')
      .where('code', '=', 'ACME')
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      engagement_id: acme.id,
      host: `SRV-${String(i).padStart(5, '0')}`,
      user: '',
      // Listed most recently used first: row 0 first, the last row last.
      process: i === ROWS - 1 ? 'Secret-Santa-list.xlsx' : `mysql -u root -pSecret-${i}`,
      last_used_at: 2_000_000_000_000 - i,
      created_at: 1_700_000_000_000,
      updated_at: 1_700_000_000_000,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('context')
        .values(rows.slice(i, i + 500))
        .execute();
  }, 300_000);
  afterAll(() => w?.stop());

  const contexts = async (c: ApiClient, term: string, cursor?: string) =>
    (
      await c.get<Envelope<ContextDto>>(
        `/api/v1/contexts/?engagement=ACME&page_size=1000&search=${encodeURIComponent(term)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
    ).body;

  it.each(['blue', 'limited'] as const)(
    'finds for %s only the row whose shown text holds the term, past every masked one',
    async (who) => {
      const page = await contexts(w[who], 'secret');
      expect(page.results.map((r) => [r.host, r.process])).toEqual([['SRV-10049', 'Secret-Santa-list.xlsx']]);
      expect(page.count).toBe(1);
      expect(page.next).toBeNull();
    },
  );

  it('walks a masked reader through every page of more than ten thousand hits, in order', async () => {
    let page = await contexts(w.blue, 'mysql');
    expect(page.count).toBe('10000+');
    const hosts: string[] = [];
    for (;;) {
      hosts.push(...page.results.map((r) => r.host));
      expect(page.results.every((r) => r.process.endsWith('-p«redacted»'))).toBe(true);
      if (!page.next) break;
      page = await contexts(
        w.blue,
        'mysql',
        new URLSearchParams(page.next.split('?')[1]).get('cursor') ?? page.next,
      );
    }
    expect(hosts).toHaveLength(ROWS - 1);
    expect(hosts.at(-1)).toBe('SRV-10048');
    // The operator sees the secret, and finds it.
    expect((await contexts(w.alice, '-pSecret-10048')).results.map((r) => r.host)).toEqual(['SRV-10048']);
  });
});
