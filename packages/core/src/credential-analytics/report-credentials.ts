import type { DB } from '@steppingstones/db';
import type { CrackedAccount, CredentialQueries, ReportCredential } from '@steppingstones/plugin-sdk';
import { hashTypeName } from '@steppingstones/shared/credentials';
import type { Kysely } from 'kysely';
import { credentialConditions } from '../credentials/credential.filter.ts';
import { computeStats } from './stats-compute.ts';
import { NO_HASH_TYPE } from './stats-row.ts';
import type { StatsFilter } from './stats-sql.ts';

const kindOf = (typeKey: number, hashType: number | null) =>
  typeKey === NO_HASH_TYPE ? 'Plaintext' : (hashTypeName(hashType) ?? `Mode ${hashType}`);

/**
 * The credential read queries of a report's context, over the engagement's vault under the vault
 * list's filter (the one in the report's URL). `check` runs before every read (the host re-checks
 * credential.view in the engagement each time).
 */
export function reportCredentialQueries(
  db: Kysely<DB>,
  engagementId: number,
  filter: StatsFilter,
  check: () => void,
): CredentialQueries {
  return {
    async list(): Promise<ReportCredential[]> {
      check();
      const rows = await db
        .selectFrom('credential')
        .select(['id', 'system', 'account', 'secret', 'type_key', 'hash_type', 'source'])
        .where((eb) => eb.and(credentialConditions(eb, engagementId, filter)))
        .orderBy('system_key')
        .orderBy('account_key')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        system: r.system,
        account: r.account,
        secretKind: kindOf(Number(r.type_key), r.hash_type === null ? null : Number(r.hash_type)),
        secret: r.secret,
        source: r.source ?? '',
      }));
    },
    async stats() {
      check();
      return computeStats(db, engagementId, filter);
    },
    async cracked(): Promise<CrackedAccount[]> {
      check();
      const rows = await db
        .selectFrom('credential')
        .select([
          'system',
          'account',
          'purpose',
          'secret',
          'type_key',
          'hash_type',
          'source',
          'system_key',
          'account_key',
        ])
        .where((eb) => eb.and(credentialConditions(eb, engagementId, filter)))
        .where('secret', 'is not', null)
        .orderBy('system_key')
        .orderBy('account_key')
        .orderBy('type_key')
        .execute();
      const seen = new Set<string>();
      const out: CrackedAccount[] = [];
      for (const r of rows) {
        const key = `${r.system_key}\u0000${r.account_key}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          system: r.system,
          account: r.account,
          purpose: r.purpose,
          crackedFrom: kindOf(Number(r.type_key), r.hash_type === null ? null : Number(r.hash_type)),
          source: r.source ?? '',
          secret: r.secret as string,
        });
      }
      return out;
    },
  };
}
