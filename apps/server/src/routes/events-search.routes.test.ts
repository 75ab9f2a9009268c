import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, type EventWorld, type Page, startEventWorld } from './events.fixture.ts';

type SearchPage = Page & { ignored_words: { word: string; reason: string }[] };

/** The list API's search over HTTP: prefixes, ATT&CK ids, paths, the ignored words, and the blue team's redaction. */
describe.each(testDialects())('event search API on %s', (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    await createEvent(w.alice, {
      timestamp: '2026-03-01T09:00:00Z',
      description: 'Dumped LSASS on the domain controller',
      target: { host: 'DC01' },
      mitre_attack_tactic: 'TA0006',
      mitre_attack_technique: 'T1003',
      files: [{ filename: 'dump.bin', location: 'C:\\Windows\\Temp\\dump.bin' }],
      raw_evidence: 'net use \\\\DC01 /user:admin Password: Sup3rSecretValue!',
    });
  });
  afterAll(() => w?.stop());

  const search = async (client: EventWorld['alice'], text: string) => {
    const res = await client.get<SearchPage>(
      `/api/v1/events/?engagement=ACME&search=${encodeURIComponent(text)}`,
    );
    expect(res.status).toBe(200);
    return res.body;
  };

  it('finds by prefix, ATT&CK id and path, and answers the words it ignored', async () => {
    for (const text of ['DC0', 'T1003', 'C:\\Windows\\Temp', 'dump.bin'])
      expect((await search(w.alice, text)).results.map((e) => e.target.host)).toEqual(['DC01']);
    const page = await search(w.alice, 'DC01 ...');
    expect(page.results).toHaveLength(1);
    expect(page.ignored_words).toEqual([{ word: '...', reason: 'no_letters' }]);
    expect((await search(w.alice, 'DC01')).ignored_words).toEqual([]);
  });

  it('never finds a masked secret for the blue team, not even by its start', async () => {
    expect((await search(w.alice, 'Sup3rSecret')).results).toHaveLength(1);
    expect((await search(w.blue, 'Sup3rSecret')).results).toHaveLength(0);
    expect((await search(w.blue, 'Sup3r')).results).toHaveLength(0);
    expect((await search(w.blue, 'T1003')).results).toHaveLength(1);
  });
});
