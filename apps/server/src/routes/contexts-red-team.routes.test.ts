import { testDialects } from '@steppingstones/db/testing';
import type { ContextDto, EventDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, type ErrorBody, type EventWorld, startEventWorld } from './events.fixture.ts';

interface Envelope<T> {
  results: T[];
}

describe.each(testDialects())('contexts API: red team infrastructure on %s', (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
  });
  afterAll(() => w?.stop());

  it('marks a host as red team infrastructure, shows it on the context and its events, and unmarks it', async () => {
    const e = await createEvent(w.alice, {
      source: { host: 'vps.redteam.example' },
      target: { host: 'WS01' },
    });
    expect(e.source.red_team_infrastructure).toBe(false);
    const marked = await w.alice.patch<{ context: ContextDto; shared_event_count: number }>(
      `/api/v1/contexts/${e.source.id}/`,
      { host: 'vps.redteam.example', red_team_infrastructure: true },
    );
    expect(marked.status).toBe(200);
    expect(marked.body.context).toMatchObject({ host: 'vps.redteam.example', red_team_infrastructure: true });
    const read = await w.alice.get<ContextDto>(`/api/v1/contexts/${e.source.id}/`);
    expect(read.body.red_team_infrastructure).toBe(true);
    const event = await w.alice.get<EventDto>(`/api/v1/events/${e.id}/`);
    expect(event.body.source.red_team_infrastructure).toBe(true);
    expect(event.body.target.red_team_infrastructure).toBe(false);
    const list = await w.alice.get<Envelope<ContextDto>>('/api/v1/contexts/?engagement=ACME');
    expect(list.body.results.filter((c) => c.red_team_infrastructure).map((c) => c.host)).toEqual([
      'vps.redteam.example',
    ]);

    // Renaming without the flag leaves it as it was; sending false clears it.
    const renamed = await w.alice.patch<{ context: ContextDto }>(`/api/v1/contexts/${e.source.id}/`, {
      host: 'vps2.redteam.example',
    });
    expect(renamed.body.context.red_team_infrastructure).toBe(true);
    const cleared = await w.alice.patch<{ context: ContextDto }>(`/api/v1/contexts/${e.source.id}/`, {
      host: 'vps2.redteam.example',
      red_team_infrastructure: false,
    });
    expect(cleared.body.context.red_team_infrastructure).toBe(false);
  });

  it('refuses a flag that is not a boolean, and callers who may not edit contexts', async () => {
    const e = await createEvent(w.alice, { source: { host: 'crack01' }, target: { host: 'DC01' } });
    const bad = await w.alice.patch<ErrorBody>(`/api/v1/contexts/${e.source.id}/`, {
      host: 'crack01',
      red_team_infrastructure: 'yes',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('red_team_infrastructure');
    const body = { host: 'crack01', red_team_infrastructure: true };
    expect((await w.blue.patch(`/api/v1/contexts/${e.source.id}/`, body)).status).toBe(403);
    expect((await w.bob.patch(`/api/v1/contexts/${e.source.id}/`, body)).status).toBe(404);
    const after = await w.alice.get<ContextDto>(`/api/v1/contexts/${e.source.id}/`);
    expect(after.body.red_team_infrastructure).toBe(false);
  });
});
