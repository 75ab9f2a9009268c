import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvent, deleteEvent } from '../events/index.ts';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { backfillEventExtractions } from './event-backfill.ts';

const LM = 'aad3b435b51404eeaad3b435b51404ee';
const ADMIN_NT = '8846f7eaee8fb117ad06bdd830b7586c';
const KRBTGT_NT = '0123456789abcdef'.repeat(2);
const dump = (...lines: string[]) =>
  ['[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)', ...lines].join('\n');

describe.each(testDialects())('credential extraction over events saved before it ran, on %s', (dialect) => {
  let ctx: TestContext;
  let op: Principal;

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: op } = await arrangeOperator(ctx.services(), ['OPS', 'OTHER']));
  });
  afterEach(() => ctx.dispose());

  const save = (engagement: string, raw_evidence: string, description = 'Dumped hashes') =>
    createEvent(ctx.services(), op, {
      engagement,
      timestamp: '2026-03-02T14:02:09Z',
      source: { host: 'WS01' },
      target: { host: 'DC01' },
      description,
      raw_evidence,
    });

  const vault = () =>
    ctx.database.db
      .selectFrom('credential')
      .innerJoin('engagement', 'engagement.id', 'credential.engagement_id')
      .select(['engagement.code', 'credential.account', 'credential.hash', 'credential.event_id'])
      .orderBy('engagement.code')
      .orderBy('credential.account')
      .execute();

  it('fills the vault from saved events, linked to each event, skipping deleted events and other engagements; a second run adds nothing', async () => {
    const dcsync = await save('OPS', dump(`corp.local\\Administrator:500:${LM}:${ADMIN_NT}:::`));
    const notes = await save('OPS', 'whoami /all', 'Nothing secret here');
    const again = await save('OPS', dump(`corp.local\\krbtgt:502:${LM}:${KRBTGT_NT}:::`));
    const removed = await save('OPS', dump(`corp.local\\gone:1105:${LM}:${'1'.repeat(32)}:::`));
    await deleteEvent(ctx.services(), op, removed.id);
    await save('OTHER', dump(`other\\carol:1106:${LM}:${'2'.repeat(32)}:::`));
    expect(await vault()).toEqual([]);

    const first = await backfillEventExtractions(ctx.services(), op, 'OPS');
    expect(first).toEqual({
      events: 3,
      eventsWithCredentials: 2,
      newHashes: 2,
      newSecrets: 0,
      historyHashes: 0,
      duplicates: 0,
    });
    expect(await vault()).toEqual([
      { code: 'OPS', account: 'Administrator', hash: ADMIN_NT, event_id: dcsync.id },
      { code: 'OPS', account: 'krbtgt', hash: KRBTGT_NT, event_id: again.id },
    ]);
    expect(notes.id).toBeGreaterThan(0);

    const second = await backfillEventExtractions(ctx.services(), op, 'OPS');
    expect(second).toMatchObject({ events: 3, newHashes: 0, newSecrets: 0, duplicates: 2 });
    expect(await vault()).toHaveLength(2);
  });

  it('walks more events than one batch holds', async () => {
    for (let i = 0; i < 205; i++)
      await save(
        'OPS',
        i % 50 === 0
          ? dump(`corp\\user${i}:${1000 + i}:${LM}:${(i + 16).toString(16).padStart(32, 'a')}:::`)
          : `ping ${i}`,
      );
    const counts = await backfillEventExtractions(ctx.services(), op, 'OPS');
    expect(counts).toMatchObject({ events: 205, eventsWithCredentials: 5, newHashes: 5 });
  });

  it('is refused to a member who may not add credentials, and to a non-member as an unknown engagement', async () => {
    const viewer: Principal = { ...op, permissions: new Set(['event.view', 'credential.view']) };
    await expect(backfillEventExtractions(ctx.services(), viewer, 'OPS')).rejects.toMatchObject({
      status: 403,
    });
    const outsider: Principal = { ...op, engagementIds: [] };
    await expect(backfillEventExtractions(ctx.services(), outsider, 'OPS')).rejects.toMatchObject({
      status: 404,
    });
  });
});
