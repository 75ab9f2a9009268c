import type { CredentialAid, CredentialAidQuery } from '@steppingstones/shared/credential-stats';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { vaultEngagement } from '../credentials/credential-engagement.ts';
import { ValidationError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { lines, secretLines } from './aids.lines.ts';
import { LM, NTLM } from './stats-row.ts';
import { walkAccountHashRows, walkStatsRows, walkUncrackedHashes } from './stats-rows.ts';
import { secretCounts } from './stats-sql.ts';

export interface AidDownload {
  filename: string;
  /** The file's lines, each ending in a newline, produced as they are read. */
  body: AsyncGenerator<string>;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function fileName(aid: CredentialAid, code: string, q: CredentialAidQuery, now: number): string {
  const detail =
    aid === 'uncracked-hashes'
      ? `-${q.hash_type}`
      : aid === 'parts'
        ? `-${q.kind}-${q.format}`
        : aid === 'masklist' && q.min_length > 1
          ? `-min${q.min_length}`
          : '';
  const ext =
    aid === 'masklist' || aid.endsWith('-masks')
      ? 'hcmask'
      : q.format === 'rule' && aid === 'parts'
        ? 'rule'
        : 'txt';
  return `${code}-${aid}${detail}-${stamp(now)}.${ext}`;
}

/** Aids made of known secrets only: they read the distinct secrets the database counts, not rows. */
const FROM_SECRETS: ReadonlySet<CredentialAid> = new Set([
  'known-secrets',
  'parts',
  'prefixes',
  'suffixes',
  'masklist',
  'prefix-masks',
  'suffix-masks',
]);

/**
 * A cracking aid for one engagement and filter: checked (credential.view), audited with the filter,
 * and produced line by line from a batched walk of the vault.
 */
export async function credentialAid(
  ctx: ServiceContext,
  principal: Principal,
  aid: CredentialAid,
  query: CredentialAidQuery,
  actor: AuditActor,
): Promise<AidDownload> {
  const { db } = ctx;
  const { engagement: code, kind, format, min_length, ...filter } = query;
  const engagement = await vaultEngagement(db, principal, code, 'credential.view');
  if (aid === 'uncracked-hashes' && query.hash_type === undefined)
    throw ValidationError.field(
      'hash_type',
      'is required for uncracked-hashes (the hashcat mode, e.g. 1000)',
    );
  await recordAudit(ctx, actor, {
    action: 'credential.aid_downloaded',
    target: aid,
    details: { ...filter, kind, format, min_length },
    engagementId: engagement.id,
  });
  const options = { kind, format, min_length, hash_type: query.hash_type };
  async function* body() {
    if (FROM_SECRETS.has(aid)) {
      for (const line of secretLines(aid, await secretCounts(db, engagement.id, filter), options))
        yield `${line}\n`;
      return;
    }
    if (aid === 'uncracked-hashes') {
      for await (const hash of walkUncrackedHashes(db, engagement.id, filter)) yield `${hash}\n`;
      return;
    }
    // The pwdump finishes one account before the next: read in account order, it holds one at a time.
    const rows =
      aid === 'pwdump'
        ? walkAccountHashRows(db, engagement.id, filter, [NTLM, LM])
        : walkStatsRows(db, engagement.id, filter);
    for await (const line of lines(aid, rows)) yield `${line}\n`;
  }
  return { filename: fileName(aid, engagement.code, query, ctx.clock.now()), body: body() };
}
