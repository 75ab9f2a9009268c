import type { DB } from '@steppingstones/db';
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Principal } from '../permissions/index.ts';
import { vaultEngagement } from './credential-engagement.ts';
import { textKey } from './credential-keys.ts';

export interface VaultAccount {
  system: string;
  account: string;
  /** What a user field takes: `SYSTEM\account`, or the account alone when it has no system. */
  value: string;
}

/** A LIKE pattern for keys starting with `prefix` (keys are lower case; `\` escapes). */
const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Vault accounts of an engagement for the event form's user fields, by prefix as the user types:
 * `adm` matches accounts starting so, `corp\adm` narrows to systems starting with `corp`. Needs
 * `credential.view` (blue team roles: 403), so the form offers them only to the red team.
 */
export async function vaultAccounts(
  db: Kysely<DB>,
  principal: Principal,
  code: string,
  search: string,
  limit: number,
): Promise<VaultAccount[]> {
  const engagement = await vaultEngagement(db, principal, code, 'credential.view');
  const slash = search.lastIndexOf('\\');
  const system = slash >= 0 ? textKey(search.slice(0, slash)) : null;
  const account = textKey(slash >= 0 ? search.slice(slash + 1) : search);
  let q = db
    .selectFrom('credential')
    .select((eb) => [eb.fn.min('system').as('system'), eb.fn.min('account').as('account')])
    .where('engagement_id', '=', engagement.id)
    .where('position', 'is', null);
  if (account) q = q.where(sql<SqlBool>`account_key like ${startsWith(account)} escape '\\'`);
  if (system) q = q.where(sql<SqlBool>`system_key like ${startsWith(system)} escape '\\'`);
  const rows = await q
    .groupBy(['account_key', 'system_key'])
    .orderBy('account_key')
    .orderBy('system_key')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const s = String(r.system ?? '');
    const a = String(r.account ?? '');
    return { system: s, account: a, value: s ? `${s}\\${a}` : a };
  });
}
