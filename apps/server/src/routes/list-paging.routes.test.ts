import { testDialects } from '@steppingstones/db/testing';
import type { ListEnvelope } from '@steppingstones/shared';
import type { ContextDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, type ErrorBody, type EventWorld, startEventWorld } from './events.fixture.ts';

/** The path and query of an absolute `next` / `previous` link, checked to be on this server. */
function followable(link: string | null, origin: string): string {
  expect(link).not.toBeNull();
  const url = new URL(link as string);
  expect(url.origin).toBe(origin);
  return url.pathname + url.search;
}

describe.each(testDialects())('list paging (contexts and suggestions) on %s', (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    // Six contexts in ACME: five sources and the shared target.
    for (const host of ['H1', 'H2', 'H3', 'H4', 'H5'])
      await createEvent(w.alice, { source: { host }, target: { host: 'DC01' } });
  });
  afterAll(() => w?.stop());

  it('pages contexts with page_size and follows absolute next / previous links', async () => {
    const first = await w.alice.get<ListEnvelope<ContextDto>>(
      '/api/v1/contexts/?engagement=ACME&page_size=4',
    );
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(6);
    expect(first.body.results).toHaveLength(4);
    expect(first.body.previous).toBeNull();
    const second = await w.alice.get<ListEnvelope<ContextDto>>(followable(first.body.next, w.server.url));
    expect(second.body.results).toHaveLength(2);
    expect(second.body.next).toBeNull();
    const seen = [...first.body.results, ...second.body.results].map((c) => c.host).sort();
    expect(seen).toEqual(['DC01', 'H1', 'H2', 'H3', 'H4', 'H5']);
    const back = await w.alice.get<ListEnvelope<ContextDto>>(followable(second.body.previous, w.server.url));
    expect(back.body.results).toEqual(first.body.results);
  });

  it('accepts limit as the alias of page_size and defaults to 100', async () => {
    const limited = await w.alice.get<ListEnvelope<ContextDto>>('/api/v1/contexts/?engagement=ACME&limit=2');
    expect(limited.body.results).toHaveLength(2);
    expect(limited.body.next).toContain('limit=2');
    const all = await w.alice.get<ListEnvelope<ContextDto>>('/api/v1/contexts/?engagement=ACME');
    expect(all.body).toMatchObject({ count: 6, next: null, previous: null });
  });

  it('answers the part values in the same envelope', async () => {
    const values = await w.alice.get<ListEnvelope<string>>(
      '/api/v1/contexts/values/?engagement=ACME&field=host&page_size=5',
    );
    expect(values.body.count).toBe(6);
    expect(values.body.results).toEqual(['DC01', 'H1', 'H2', 'H3', 'H4']);
    const rest = await w.alice.get<ListEnvelope<string>>(followable(values.body.next, w.server.url));
    expect(rest.body.results).toEqual(['H5']);
  });

  it('refuses a page size out of range and a foreign cursor, naming the field', async () => {
    for (const bad of ['page_size=0', 'page_size=1001', 'limit=abc']) {
      const res = await w.alice.get<ErrorBody>(`/api/v1/contexts/?engagement=ACME&${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.fields?.map((f) => f.field)).toContain('page_size');
    }
    const cursor = await w.alice.get<ErrorBody>('/api/v1/contexts/?engagement=ACME&cursor=nonsense');
    expect(cursor.status).toBe(400);
    expect(cursor.body.fields?.map((f) => f.field)).toEqual(['cursor']);
  });

  it('answers suggestions in the list envelope', async () => {
    const res = await w.alice.post<ListEnvelope<{ rule: string }>>('/api/v1/suggestions/', {
      raw_evidence: 'mimikatz # sekurlsa::logonpasswords',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ next: null, previous: null });
    expect(res.body.count).toBe(res.body.results.length);
    expect(res.body.results.length).toBeGreaterThan(0);
  });
});
