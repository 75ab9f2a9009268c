import { testDialects } from '@steppingstones/db/testing';
import type { EngagementPreferences } from '@steppingstones/shared/engagement-preferences';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, login } from '../testing/index.ts';
import { type ErrorBody, type EventWorld, startEventWorld } from './events.fixture.ts';

const path = (code: string) => `/api/v1/engagements/${code}/preferences`;

describe.each(testDialects())('engagement preferences API on %s', (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
  });
  afterAll(() => w?.stop());

  it("keeps the grid's last filter per user and engagement, for every session of that user", async () => {
    expect((await w.alice.get<EngagementPreferences>(path('ACME'))).body).toEqual({
      engagement: 'ACME',
      event_filter: null,
      updated_at: null,
    });
    const saved = await w.alice.patch<EngagementPreferences>(path('ACME'), {
      event_filter: 'detected=FUL,PAR&search=lsass&sort=timestamp',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.event_filter).toBe('detected=FUL,PAR&search=lsass&sort=timestamp');
    expect(saved.body.updated_at).toMatch(/Z$/);

    // Another machine: a new sign-in of the same user finds the filter.
    const elsewhere = await login(w.server.url, 'alice');
    expect((await elsewhere.get<EngagementPreferences>(path('ACME'))).body.event_filter).toBe(
      'detected=FUL,PAR&search=lsass&sort=timestamp',
    );
    // Another user of the same engagement (a read-only blue teamer may keep theirs too) has their own.
    expect((await w.blue.get<EngagementPreferences>(path('ACME'))).body.event_filter).toBeNull();
    expect((await w.blue.patch(path('ACME'), { event_filter: 'starred=true' })).status).toBe(200);
    expect((await elsewhere.get<EngagementPreferences>(path('ACME'))).body.event_filter).toContain('lsass');

    // Each engagement has its own.
    await w.admin.patch(path('ACME'), { event_filter: 'tactic=TA0006' });
    await w.admin.patch(path('BETA'), { event_filter: 'untagged=true' });
    expect((await w.admin.get<EngagementPreferences>(path('ACME'))).body.event_filter).toBe('tactic=TA0006');
    expect((await w.admin.get<EngagementPreferences>(path('BETA'))).body.event_filter).toBe('untagged=true');

    // An empty query is "unfiltered" (kept, unlike never saved); a body without the field changes nothing.
    expect(
      (await elsewhere.patch<EngagementPreferences>(path('ACME'), { event_filter: '' })).body,
    ).toMatchObject({
      event_filter: '',
    });
    expect((await w.alice.patch<EngagementPreferences>(path('ACME'), {})).body.event_filter).toBe('');
  });

  it('refuses a filter the grid could not open with a 400 naming event_filter, changing nothing', async () => {
    await w.alice.patch(path('ACME'), { event_filter: 'search=kept' });
    const bad: Array<[string, string]> = [
      ['page_size=5', '"page_size" is not a filter of the event grid'],
      ['engagement=BETA', '"engagement" is not a filter of the event grid'],
      ['detected=YES', 'detected'],
      ['sort=colour', 'sort: must be one of'],
      ['from=yesterday', 'from: must be an ISO-8601 date and time'],
      [`search=${'x'.repeat(2000)}`, 'at most 2000 characters'],
    ];
    for (const [filter, message] of bad) {
      const res = await w.alice.patch<ErrorBody>(path('ACME'), { event_filter: filter });
      expect(res.status, filter).toBe(400);
      expect(res.body.fields?.[0]?.field, filter).toBe('event_filter');
      expect(res.body.fields?.[0]?.message, filter).toContain(message);
    }
    expect((await w.alice.get<EngagementPreferences>(path('ACME'))).body.event_filter).toBe('search=kept');
  });

  it('answers 404 outside the caller’s engagements and 401 without a sign-in', async () => {
    expect((await w.bob.get<ErrorBody>(path('ACME'))).status).toBe(404);
    expect((await w.bob.patch<ErrorBody>(path('ACME'), { event_filter: 'starred=true' })).status).toBe(404);
    expect((await w.alice.get<ErrorBody>(path('NOPE'))).status).toBe(404);
    expect((await w.alice.get<EngagementPreferences>(path('ACME'))).body.event_filter).toBe('search=kept');
    expect((await anonymous(w.server.url).get(path('ACME'))).status).toBe(401);
  });
});
