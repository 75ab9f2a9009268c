import { testDialects } from '@steppingstones/db/testing';
import type { ContextDto, FileRowDto, TagDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/index.ts';
import { createEvent, type EventWorld, startEventWorld } from './events.fixture.ts';

interface Envelope<T> {
  count: number | string;
  next: string | null;
  results: T[];
}

const q = encodeURIComponent;

/**
 * Searching the contexts, context values, tags and files lists: a reader who sees a value masked must
 * not find the row by a piece of what the mask hides (the hit alone would tell the secret).
 */
describe.each(testDialects())('search over masked values on %s', { timeout: 300_000 }, (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    await createEvent(w.alice, {
      source: { host: 'WS01', user: 'op', process: 'mysql -u root -pCtx-Secret-7' },
      target: { host: 'DC01', user: 'pw: User-Secret-8', process: '' },
      tags: ['creds: Tag-Secret-9', 'Recon'],
      files: [{ filename: 'password=File-Secret-10.txt', md5: 'd41d8cd98f00b204e9800998ecf8427e' }],
    });
  }, 300_000);
  afterAll(() => w?.stop());

  const contexts = async (c: ApiClient, term: string) =>
    (await c.get<Envelope<ContextDto>>(`/api/v1/contexts/?engagement=ACME&search=${q(term)}`)).body;
  const values = async (c: ApiClient, field: string, term: string) =>
    (
      await c.get<Envelope<string>>(
        `/api/v1/contexts/values/?engagement=ACME&field=${field}&search=${q(term)}`,
      )
    ).body;
  const files = async (c: ApiClient, term: string) =>
    (await c.get<Envelope<FileRowDto>>(`/api/v1/files/?engagement=ACME&search=${q(term)}`)).body;
  const known = async (c: ApiClient, term: string) =>
    (await c.get<Envelope<{ filename: string }>>(`/api/v1/files/known/?engagement=ACME&search=${q(term)}`))
      .body;
  const tags = async (c: ApiClient, term: string) =>
    (await c.get<Envelope<TagDto>>(`/api/v1/tags/?engagement=ACME&search=${q(term)}`)).body;

  it('lets an operator find a row by the secret it holds', async () => {
    expect((await contexts(w.alice, 'Secret-7')).results.map((c) => c.process)).toEqual([
      'mysql -u root -pCtx-Secret-7',
    ]);
    expect((await contexts(w.alice, 'user-secret')).results.map((c) => c.user)).toEqual([
      'pw: User-Secret-8',
    ]);
    expect((await values(w.alice, 'process', 'ctx-secret')).results).toEqual([
      'mysql -u root -pCtx-Secret-7',
    ]);
    expect((await files(w.alice, 'File-Secret')).results.map((f) => f.filename)).toEqual([
      'password=File-Secret-10.txt',
    ]);
    expect((await known(w.alice, 'File-Secret')).results).toHaveLength(1);
    expect((await tags(w.alice, 'creds: tag')).results.map((t) => t.name)).toEqual(['creds: Tag-Secret-9']);
  });

  it.each(['blue', 'limited'] as const)('finds no row for %s by a piece of a masked value', async (who) => {
    const c = w[who];
    for (const term of ['Secret-7', 'pCtx', 'User-Secret-8']) {
      const page = await contexts(c, term);
      expect(page.results, term).toEqual([]);
      expect(page.count, term).toBe(0);
    }
    expect((await values(c, 'process', 'ctx-secret')).results).toEqual([]);
    expect((await values(c, 'user', 'secret')).results).toEqual([]);
    expect((await files(c, 'File-Secret')).results).toEqual([]);
    expect((await known(c, 'File-Secret')).results).toEqual([]);
    expect((await tags(c, 'creds: tag')).results).toEqual([]);
  });

  it.each(['blue', 'limited'] as const)('finds rows for %s by what they see', async (who) => {
    const c = w[who];
    const page = await contexts(c, 'mysql');
    expect(page.results.map((x) => x.process)).toEqual(['mysql -u root -p«redacted»']);
    expect(page.count).toBe(1);
    // The mask itself is what they see, so it is searchable (the stored text never holds it).
    expect((await contexts(c, 'p«redacted»')).results.map((x) => x.process)).toEqual([
      'mysql -u root -p«redacted»',
    ]);
    expect((await values(c, 'process', 'root')).results).toEqual(['mysql -u root -p«redacted»']);
    expect((await files(c, 'password=')).results.map((f) => f.filename)).toEqual(['password=«redacted»']);
    expect((await files(c, 'dc01')).results).toHaveLength(1);
    // File hashes are IOCs, shown as they are, so they stay searchable.
    expect((await files(c, 'd41d8cd98f00')).results).toHaveLength(1);
    expect((await known(c, 'password')).results.map((f) => f.filename)).toEqual(['password=«redacted»']);
    expect((await tags(c, 'creds')).results.map((t) => t.name)).toEqual(['creds: «redacted»']);
    expect((await tags(c, 'rec')).results.map((t) => t.name)).toEqual(['Recon']);
  });
});
