import { testDialects } from '@steppingstones/db/testing';
import { eventListQuerySchema } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_CODES, type Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { listEvents } from './event.queries.ts';
import { createEvent } from './event.service.ts';

const part = (host: string, user = 'CORP\\alice') => ({ host, user, process: 'beacon.exe' });

/** What an operator types in the grid's search box, and what they find. */
describe.each(testDialects())('searching the event log by what operators type on %s', (dialect) => {
  let ctx: TestContext;
  let red: Principal;
  let blue: Principal;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: red } = await arrangeOperator(ctx.services(), ['WORDS']));
    blue = {
      ...red,
      permissions: new Set(PERMISSION_CODES.filter((p) => p !== 'credential.view')),
    };
    const add = (fields: Record<string, unknown>) =>
      createEvent(ctx.services(), red, {
        engagement: 'WORDS',
        timestamp: '2026-03-02T10:00:00Z',
        source: part('WS01'),
        target: part('SRV07'),
        description: 'Routine step',
        ...fields,
      });
    await add({ description: 'Kerberoasted the service account', target: part('DC01') });
    await add({ description: 'Routine step 6' });
    await add({ description: 'Routine step 60' });
    await add({
      description: 'Dumped LSASS',
      mitre_attack_tactic: 'TA0006',
      mitre_attack_technique: 'T1003',
      mitre_attack_subtechnique: 'T1003.001',
    });
    await add({
      description: 'Dropped the loader',
      files: [{ filename: 'loader.dll', location: 'C:\\Windows\\Temp\\loader.dll' }],
    });
    await add({
      description: 'Logged in',
      raw_evidence: 'net use \\\\SRV07 /user:admin Password: Sup3rSecretValue!',
    });
  });
  afterAll(() => ctx.dispose());

  const search = async (principal: Principal, text: string) => {
    const page = await listEvents(
      ctx.database.db,
      principal,
      eventListQuerySchema.parse({ engagement: 'WORDS', search: text }),
    );
    return { descriptions: page.results.map((e) => e.description), ignored: page.ignored_words };
  };

  it('finds a host by the start of its name: DC0 finds DC01', async () => {
    expect((await search(red, 'DC0')).descriptions).toEqual(['Kerberoasted the service account']);
    expect((await search(red, 'kerber')).descriptions).toEqual(['Kerberoasted the service account']);
  });

  it('finds events filed under an ATT&CK technique, its sub-techniques too', async () => {
    expect((await search(red, 'T1003')).descriptions).toEqual(['Dumped LSASS']);
    expect((await search(red, 'T1003.001')).descriptions).toEqual(['Dumped LSASS']);
    expect((await search(red, 'TA0006')).descriptions).toEqual(['Dumped LSASS']);
    expect((await search(blue, 'T1003')).descriptions).toEqual(['Dumped LSASS']);
  });

  it('finds attached files by name and by path', async () => {
    expect((await search(red, 'loader.dll')).descriptions).toEqual(['Dropped the loader']);
    expect((await search(red, 'C:\\Windows\\Temp')).descriptions).toEqual(['Dropped the loader']);
    expect((await search(red, 'C:\\Windows\\Te')).descriptions).toEqual(['Dropped the loader']);
    expect((await search(red, 'C:\\Temp\\Windows')).descriptions).toEqual([]);
  });

  it('matches a single letter or digit as a whole word only: step 6 is not step 60', async () => {
    expect((await search(red, 'Routine step 6')).descriptions).toEqual(['Routine step 6']);
  });

  it('says which words it ignored, and searches the others', async () => {
    const { descriptions, ignored } = await search(red, '-- DC01 ');
    expect(descriptions).toEqual(['Kerberoasted the service account']);
    expect(ignored).toEqual([{ word: '--', reason: 'no_letters' }]);
    expect((await search(red, 'DC01')).ignored).toEqual([]);
    const many = Array.from({ length: 17 }, (_, i) => `w${i}`).join(' ');
    expect((await search(red, many)).ignored).toEqual([{ word: 'w16', reason: 'too_many_words' }]);
  });

  it('never finds a masked secret for a reader without credential.view, even by its start', async () => {
    expect((await search(red, 'Sup3rSecret')).descriptions).toEqual(['Logged in']);
    expect((await search(blue, 'Sup3rSecret')).descriptions).toEqual([]);
    expect((await search(blue, 'Sup3')).descriptions).toEqual([]);
    expect((await search(blue, 'SRV07 Logged')).descriptions).toEqual(['Logged in']);
  });
});
