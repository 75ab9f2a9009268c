import { type DB, dialectOf } from '@steppingstones/db';
import { csvRecord } from '@steppingstones/plugin-sdk';
import type { CredentialFilter } from '@steppingstones/shared/credentials';
import { expressionBuilder } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { credentialConditions } from './credential.filter.ts';
import { vaultEngagement } from './credential-engagement.ts';

const PAGE = 2000;
const COLUMNS = ['system', 'account', 'hash', 'hash_type', 'secret', 'purpose', 'source', 'enabled'] as const;

/**
 * The filtered current credentials as text, a page at a time: `hashcat` gives each distinct hash once
 * (a hashcat input file), `csv` every field, secrets included. The export is audited with its count
 * once the walk has finished.
 */
export async function* exportCredentials(
  ctx: ServiceContext,
  principal: Principal,
  filter: CredentialFilter,
  format: 'hashcat' | 'csv',
  actor: AuditActor,
): AsyncGenerator<string> {
  const { db } = ctx;
  const engagement = await vaultEngagement(db, principal, filter.engagement, 'credential.view');
  const where = credentialConditions(
    expressionBuilder<DB, 'credential'>(),
    engagement.id,
    filter,
    dialectOf(db),
  );
  if (format === 'csv') yield csvRecord([...COLUMNS]);
  const seen = new Set<string>();
  let after = 0;
  let count = 0;
  let secrets = 0;
  for (;;) {
    const rows = await db
      .selectFrom('credential')
      .select(['id', ...COLUMNS, 'hash_key'])
      .where((eb) => eb.and(where))
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (!rows.length) break;
    after = Number(rows.at(-1)?.id);
    const out: string[] = [];
    for (const r of rows) {
      if (format === 'hashcat') {
        if (!r.hash || seen.has(r.hash_key)) continue;
        seen.add(r.hash_key);
        out.push(`${r.hash}\n`);
      } else {
        if (r.secret !== null) secrets++;
        // Not formula-guarded: secrets must come out exactly as they are (a password may start with =).
        out.push(
          csvRecord([
            r.system,
            r.account,
            r.hash,
            r.hash_type === null ? '' : String(r.hash_type),
            r.secret ?? '',
            r.purpose,
            r.source ?? '',
            r.enabled ? 'true' : 'false',
          ]),
        );
      }
      count++;
    }
    if (out.length) yield out.join('');
  }
  await recordAudit(ctx, actor, {
    action: 'credential.exported',
    target: engagement.code,
    details: { format, count, secrets },
  });
}
