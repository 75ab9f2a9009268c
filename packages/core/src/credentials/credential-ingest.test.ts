import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../service-context.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { arrangeOperator } from '../testing/test-operator.ts';
import { ingestFindings, type VaultFinding } from './credential-ingest.service.ts';

const NT = (n: number) => n.toString(16).padStart(32, '0');
const nt = (account: string, hash: string, extra: Partial<VaultFinding> = {}): VaultFinding => ({
  system: 'CORP',
  account,
  hash,
  hashType: 1000,
  secret: null,
  purpose: 'Windows Login',
  source: 'test',
  ...extra,
});

describe.each(testDialects())('credential ingest on %s', (dialect) => {
  let ctx: TestContext;
  let engagementId: number;
  const actor = { userId: null, username: 'cli' };
  const ingest = (findings: VaultFinding[]) =>
    writeTransaction(ctx.database.db, (tx) =>
      ingestFindings(inTransaction(ctx.services(), tx), { engagementId, findings, origin: {}, actor }),
    );
  const rows = () =>
    ctx.database.db
      .selectFrom('credential')
      .select(['account', 'hash', 'position', 'secret', 'system'])
      .orderBy('account')
      .orderBy('position')
      .execute();

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    engagementId = (await arrangeOperator(ctx.services(), ['VAULT'])).engagementIds[0] as number;
  });
  afterEach(() => ctx.dispose());

  it('adds new hashes, and a re-import (any case, empty system) adds nothing', async () => {
    const first = await ingest([
      nt('bob', NT(1)),
      nt('HOST$', NT(2)),
      nt('eve', NT(3), { system: '' }),
      nt('sue', '', { hashType: null, secret: 'Summer2026!' }),
    ]);
    expect(first).toEqual({ newHashes: 3, newSecrets: 1, historyHashes: 0, duplicates: 0 });
    const again = await ingest([
      nt('BOB', NT(1).toUpperCase(), { system: 'corp' }),
      nt('host$', NT(2)),
      nt('eve', NT(3), { system: '' }),
      nt('sue', '', { hashType: null, secret: 'Summer2026!' }),
    ]);
    expect(again).toEqual({ newHashes: 0, newSecrets: 0, historyHashes: 0, duplicates: 4 });
    expect(await rows()).toHaveLength(4);
  });

  it('keeps one current hash per account and type: a newer one moves the older into history', async () => {
    await ingest([nt('bob', NT(1), { history: [NT(9)] })]);
    const second = await ingest([nt('bob', NT(2)), nt('bob', NT(3))]);
    expect(second.newHashes).toBe(2);
    const stored = await rows();
    const byHash = Object.fromEntries(
      stored.map((r) => [r.hash, r.position === null ? null : Number(r.position)]),
    );
    expect(byHash).toEqual({ [NT(3)]: null, [NT(2)]: 0, [NT(1)]: 1, [NT(9)]: 2 });
  });

  it('stores history as the account’s history, duplicates within one batch counted once', async () => {
    const counts = await ingest([nt('alice', NT(5), { history: [NT(5), NT(6), NT(7)] }), nt('alice', NT(5))]);
    expect(counts).toEqual({ newHashes: 1, newSecrets: 0, historyHashes: 2, duplicates: 2 });
    expect((await rows()).map((r) => r.account)).toEqual(['alice', 'alice', 'alice']);
  });

  it('fills the secret of a stored uncracked hash', async () => {
    await ingest([nt('bob', NT(1))]);
    const counts = await ingest([nt('bob', NT(1), { secret: 'hunter2' })]);
    expect(counts).toMatchObject({ newHashes: 0, newSecrets: 1, duplicates: 1 });
    expect((await rows())[0]?.secret).toBe('hunter2');
  });
});
