import { writeTransaction } from '@steppingstones/db';
import { importCracked, ingestFindings, type VaultFinding } from '../credentials/index.ts';
import { systemPrincipal } from '../permissions/index.ts';
import { inTransaction } from '../service-context.ts';
import type { TestContext } from '../testing/index.ts';

export const H = (n: number) => n.toString(16).repeat(32);
const nt = (
  system: string,
  account: string,
  hash: string,
  secret: string | null,
  extra: Partial<VaultFinding> = {},
) =>
  ({
    system,
    account,
    hash,
    hashType: 1000,
    secret,
    purpose: 'Windows Login',
    source: 'test',
    ...extra,
  }) as VaultFinding;

/**
 * A small vault whose figures the tests compute by hand: seven user and two machine accounts on
 * CORP, WS02 and WS03; one reused password (alice and bob), one earlier hash of alice cracked later,
 * password = username (dave), LM and NT for erin, the local administrator hash on two hosts, and
 * breach counts for three hashes.
 */
export async function buildStatsVault(ctx: TestContext, engagementId: number, code: string): Promise<void> {
  const db = ctx.database.db;
  await writeTransaction(db, (tx) =>
    ingestFindings(inTransaction(ctx.services(), tx), {
      engagementId,
      findings: [
        nt('CORP', 'alice', H(1), 'Summer2024!', { history: [H(10)] }),
        nt('CORP', 'bob', H(1), 'Summer2024!'),
        nt('CORP', 'carol', H(3), null),
        nt('CORP', 'dave', H(4), 'Dave'),
        nt('CORP', 'WS01$', H(5), null),
        nt('CORP', 'SRV$', H(6), 'x9!'),
        nt('CORP', 'erin', H(7), 'ERIN1', { hashType: 3000 }),
        nt('CORP', 'erin', H(8), 'Erin1'),
        nt('WS02', 'administrator', H(9), null),
        nt('WS03', 'Administrator', H(9), null),
      ],
      origin: {},
      actor: { userId: null, username: 'test' },
    }),
  );
  await importCracked(ctx.services(), systemPrincipal(), code, [Buffer.from(`${H(10)}:Summer2023!\n`)], {
    actor: { userId: null, username: 'test' },
    maxBytes: 1e6,
  });
  for (const [hash, count] of [
    [H(1), 5000],
    [H(3), 20],
    [H(8), 0],
  ] as const)
    await writeTransaction(db, (tx) =>
      tx.updateTable('credential').set({ hibp_count: count }).where('hash', '=', hash).execute(),
    );
}
