import { testDialects } from '@steppingstones/db/testing';
import type { ContextDto, EventDto, FileRowDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEvent,
  type ErrorBody,
  type EventWorld,
  type Page,
  startEventWorld,
} from './events.fixture.ts';

interface Envelope<T> {
  count: number;
  next: string | null;
  results: T[];
}

describe.each(testDialects())('contexts, tags and files API on %s', (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
  });
  afterAll(() => w?.stop());

  it('de-duplicates contexts within an engagement and lists them by recent use', async () => {
    const a = await createEvent(w.alice, { source: { host: 'WS01' }, target: { host: 'DC01' } });
    const b = await createEvent(w.alice, { source: { host: 'DC01' }, target: { host: 'WS01' } });
    expect(b.source.id).toBe(a.target.id);
    expect(b.target.id).toBe(a.source.id);
    const beta = await createEvent(w.bob, { source: { host: 'WS01' }, target: { host: 'DC01' } });
    expect(beta.source.id).not.toBe(a.source.id);
    await createEvent(w.alice, { source: { host: 'WS01', user: 'Op' }, target: { host: 'SRV9' } });
    const list = await w.alice.get<Envelope<ContextDto>>('/api/v1/contexts/?engagement=ACME');
    expect(list.body.results.map((c) => c.host).slice(0, 2)).toEqual(['SRV9', 'WS01']);
    expect(list.body.results.every((c) => /^#[0-9a-f]{6}$/.test(c.colour))).toBe(true);
    const search = await w.alice.get<Envelope<ContextDto>>('/api/v1/contexts/?search=srv');
    expect(search.body.results.map((c) => c.host)).toEqual(['SRV9']);
    const bobs = await w.bob.get<Envelope<ContextDto>>('/api/v1/contexts/?search=srv');
    expect(bobs.body.results).toEqual([]);
    const values = await w.alice.get<{ results: string[] }>('/api/v1/contexts/values/?field=host&search=s');
    expect(values.body.results).toEqual(['SRV9', 'WS01']);
  });

  it('edits a shared context for every event using it, says how many, and refuses duplicates', async () => {
    const a = await createEvent(w.alice, { source: { host: 'OLDNAME' }, target: { host: 'T1' } });
    const b = await createEvent(w.alice, { source: { host: 'T2' }, target: { host: 'OLDNAME' } });
    const ctx = await w.alice.get<ContextDto & { event_count: number }>(`/api/v1/contexts/${a.source.id}/`);
    expect(ctx.body.event_count).toBe(2);
    const res = await w.alice.patch<{ context: ContextDto; shared_event_count: number }>(
      `/api/v1/contexts/${a.source.id}/`,
      { host: 'NEWNAME', user: 'admin' },
    );
    expect(res.status).toBe(200);
    expect(res.body.shared_event_count).toBe(2);
    expect((await w.alice.get<EventDto>(`/api/v1/events/${b.id}/`)).body.target).toMatchObject({
      host: 'NEWNAME',
      user: 'admin',
    });
    const found = await w.alice.get<Page>('/api/v1/events/?search=newname');
    expect(found.body.results.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    expect((await w.alice.get<Page>('/api/v1/events/?search=oldname')).body.results).toEqual([]);
    const clash = await w.alice.patch<ErrorBody>(`/api/v1/contexts/${a.source.id}/`, { host: 'T1' });
    expect(clash.status).toBe(409);
    const empty = await w.alice.patch<ErrorBody>(`/api/v1/contexts/${a.source.id}/`, { host: '' });
    expect(empty.status).toBe(400);
    expect((await w.bob.patch(`/api/v1/contexts/${a.source.id}/`, { host: 'x' })).status).toBe(404);
    expect((await w.bob.get(`/api/v1/contexts/${a.source.id}/`)).status).toBe(404);
    expect((await w.blue.patch(`/api/v1/contexts/${a.source.id}/`, { host: 'x' })).status).toBe(403);
  });

  it('matches tags case-insensitively per engagement and autocompletes by prefix', async () => {
    const a = await createEvent(w.alice, { tags: ['Persistence', 'c2'] });
    const b = await createEvent(w.alice, { tags: ['persistence', 'PERSISTENCE'] });
    expect(b.tags).toEqual(['Persistence']);
    await createEvent(w.bob, { tags: ['persistence-beta'] });
    const tags = await w.alice.get<Envelope<{ id: number; name: string }>>('/api/v1/tags/?search=PERS');
    expect(tags.body.results.map((t) => t.name)).toEqual(['Persistence']);
    const byTag = await w.alice.get<Page>('/api/v1/events/?tag=PERSISTENCE');
    expect(byTag.body.results.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    expect((await w.bob.get<Envelope<unknown>>('/api/v1/tags/?search=pers')).body.results).toHaveLength(1);
  });

  it('merges files on name + size + MD5 within the engagement and lists every distribution', async () => {
    const md5 = '0cc175b9c0f1b6a831c399e269772661';
    const a = await createEvent(w.alice, {
      timestamp: '2026-04-01T00:00:00Z',
      target: { host: 'VICTIM1' },
      files: [{ filename: 'implant.dll', size: 10, md5, location: 'C:\\Windows\\Temp' }],
    });
    const b = await createEvent(w.alice, {
      timestamp: '2026-04-02T00:00:00Z',
      target: { host: 'VICTIM2' },
      files: [
        {
          filename: 'implant.dll',
          size: 10,
          md5,
          sha1: '86F7E437FAA5A7FCE15D1DDCB9EAEAEA377667B8',
          removed: true,
        },
        { filename: '=cmd|calc.xls', description: 'phish' },
      ],
    });
    expect(b.files[0]?.file_id).toBe(a.files[0]?.file_id);
    expect(b.files[0]?.sha1).toBe('86f7e437faa5a7fce15d1ddcb9eaeaea377667b8');
    const beta = await createEvent(w.bob, { files: [{ filename: 'implant.dll', size: 10, md5 }] });
    expect(beta.files[0]?.file_id).not.toBe(a.files[0]?.file_id);
    const rows = await w.alice.get<Envelope<FileRowDto>>('/api/v1/files/?engagement=ACME');
    expect(rows.body.results.map((r) => [r.filename, r.target_host, r.removed, r.timestamp])).toEqual([
      ['=cmd|calc.xls', 'VICTIM2', false, '2026-04-02T00:00:00.000Z'],
      ['implant.dll', 'VICTIM2', true, '2026-04-02T00:00:00.000Z'],
      ['implant.dll', 'VICTIM1', false, '2026-04-01T00:00:00.000Z'],
    ]);
    const search = await w.alice.get<Envelope<FileRowDto>>('/api/v1/files/?search=victim1');
    expect(search.body.results.map((r) => r.event_id)).toEqual([a.id]);
    const paged = await w.alice.get<Envelope<FileRowDto>>('/api/v1/files/?page_size=2');
    expect(paged.body.next).not.toBeNull();
    const next = new URL(paged.body.next as string);
    const rest = await w.alice.get<Envelope<FileRowDto>>(`${next.pathname}${next.search}`);
    expect(rest.body.results.map((r) => r.target_host)).toEqual(['VICTIM1']);
    const csv = await w.alice.get<string>('/api/v1/files/?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('Timestamp,Target Host,Location,Filename,Size,MD5,SHA1,SHA256,Description,Removed');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain("'=cmd|calc.xls");
    expect((await w.bob.get<Envelope<FileRowDto>>('/api/v1/files/')).body.results).toHaveLength(1);
    expect(
      (await w.alice.get<Envelope<unknown>>('/api/v1/files/known/?search=implant')).body.results,
    ).toHaveLength(1);
  });

  it('merges over non-empty values only; editing the file itself replaces its details', async () => {
    const md5 = '92eb5ffee6ae2fec3ad71c777531578f';
    const sha1 = 'e9d71f5ee7c92d6dc9e92ffdad17b8bd49418f98';
    const sha256 = '3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d';
    const key = { filename: 'loader.dll', size: 1, md5 };
    const first = await createEvent(w.alice, {
      files: [{ ...key, sha1, sha256, description: 'first seen on WS01' }],
    });
    const fileId = first.files[0]?.file_id;
    // Same name + size + MD5 is the same file: empty hashes keep what is stored, a description overwrites.
    const second = await createEvent(w.alice, {
      files: [{ ...key, sha1: '', sha256: null, description: 'reflective loader' }],
    });
    expect(second.files[0]).toMatchObject({
      file_id: fileId,
      sha1,
      sha256,
      description: 'reflective loader',
    });
    // An empty description keeps the stored one too, and every event sharing the file shows it as it is now.
    // So does a description of only spaces (nothing a person meant to write).
    const blank = await createEvent(w.alice, { files: [{ ...key, description: '   ' }] });
    expect(blank.files[0]).toMatchObject({ file_id: fileId, description: 'reflective loader' });
    const third = await createEvent(w.alice, { files: [{ ...key, description: '' }] });
    expect(third.files[0]).toMatchObject({ file_id: fileId, sha1, sha256, description: 'reflective loader' });
    const firstNow = await w.alice.get<EventDto>(`/api/v1/events/${first.id}/`);
    expect(firstNow.body.files[0]).toMatchObject({ sha1, sha256, description: 'reflective loader' });

    // Editing that file in place (its own id with its details, as the form's "edit file" sends them) is
    // not a merge: a field the user cleared is cleared, for every event using the file.
    const edited = await w.alice.patch<EventDto>(`/api/v1/events/${third.id}/`, {
      files: [{ file_id: fileId, ...key, sha1: '', sha256, description: '' }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.files[0]).toMatchObject({ file_id: fileId, sha1: null, sha256, description: null });
    const secondNow = await w.alice.get<EventDto>(`/api/v1/events/${second.id}/`);
    expect(secondNow.body.files[0]).toMatchObject({ file_id: fileId, sha1: null, description: null });
  });

  it('references an existing file by id only within its engagement', async () => {
    const a = await createEvent(w.alice, { files: [{ filename: 'ref.bin' }] });
    const fileId = a.files[0]?.file_id;
    const again = await createEvent(w.alice, { files: [{ file_id: fileId, location: '/tmp' }] });
    expect(again.files[0]).toMatchObject({ file_id: fileId, filename: 'ref.bin', location: '/tmp' });
    const res = await w.bob.post<ErrorBody>('/api/v1/events/', {
      timestamp: '2026-01-01T00:00:00Z',
      source: { host: 'a' },
      target: { host: 'b' },
      description: 'x',
      files: [{ file_id: fileId }],
    });
    expect(res.status).toBe(400);
    expect(res.body.fields?.[0]?.field).toBe('files.0.file_id');
  });
});
