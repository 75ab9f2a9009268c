import { isUniqueViolation, writeTransaction } from '@steppingstones/db';
import {
  type CredentialCreateInput,
  type CredentialDetailDto,
  type CredentialPatchInput,
  credentialCreateSchema,
  credentialPatchSchema,
} from '@steppingstones/shared/credentials';
import { parseIsoTimestamp } from '@steppingstones/shared/events';
import type { AuditActor } from '../audit/index.ts';
import { deriveSecretFields } from '../credential-analytics/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { type Principal, requireEngagementPermission } from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { getCredential } from './credential.queries.ts';
import { credentialEngagementId, vaultEngagement } from './credential-engagement.ts';
import { ingestFindings } from './credential-ingest.service.ts';
import { identityKeys } from './credential-keys.ts';

const ALREADY = 'This credential (system, account, hash and hash type) is already in the vault.';

function checkHashOrSecret(hash: string, secret: string | null): void {
  if (hash === '' && secret === null) throw ValidationError.field('hash', 'Give a hash, a secret, or both.');
}

/** Adds one credential by hand; a newer hash for an account moves its older one into history. */
export async function createCredential(
  ctx: ServiceContext,
  principal: Principal,
  code: string,
  input: CredentialCreateInput,
  actor: AuditActor,
): Promise<CredentialDetailDto> {
  const { db } = ctx;
  const engagement = await vaultEngagement(db, principal, code, 'credential.add');
  const data = parseOrThrow(credentialCreateSchema, input);
  checkHashOrSecret(data.hash, data.secret);
  const hashType = data.hash === '' ? null : (data.hash_type ?? -1);
  const id = await writeTransaction(db, async (tx) => {
    const counts = await ingestFindings(inTransaction(ctx, tx), {
      engagementId: engagement.id,
      findings: [
        {
          system: data.system,
          account: data.account,
          hash: data.hash,
          hashType,
          secret: data.secret,
          purpose: data.purpose,
          source: data.source ?? '',
          sourceTime: data.source_time ? parseIsoTimestamp(data.source_time) : null,
          enabled: data.enabled,
        },
      ],
      origin: {},
      actor: { userId: actor.userId, username: actor.username },
    });
    if (counts.duplicates) throw ValidationError.field('hash', ALREADY);
    const keys = identityKeys({ ...data, hashType });
    const row = await tx
      .selectFrom('credential')
      .select('id')
      .where('engagement_id', '=', engagement.id)
      .where('system_key', '=', keys.system_key)
      .where('account_key', '=', keys.account_key)
      .where('type_key', '=', keys.type_key)
      .where('hash_key', '=', keys.hash_key)
      .executeTakeFirstOrThrow();
    return Number(row.id);
  });
  return getCredential(ctx, principal, id, { reveal: data.secret !== null, actor });
}

/**
 * Edits a credential. A changed secret recomputes its mask, structure and complexity (so they never
 * describe the old one); a changed hash drops the HIBP count.
 */
export async function updateCredential(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  input: CredentialPatchInput,
  actor: AuditActor,
): Promise<CredentialDetailDto> {
  const { db } = ctx;
  await credentialEngagementId(db, principal, id, 'credential.change');
  const patch = parseOrThrow(credentialPatchSchema, input);
  await writeTransaction(db, async (tx) => {
    const row = await tx.selectFrom('credential').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('The credential');
    const next = {
      system: patch.system ?? row.system,
      account: patch.account ?? row.account,
      hash: patch.hash ?? row.hash,
      secret: patch.secret === undefined ? row.secret : patch.secret,
      hashType: patch.hash_type === undefined ? row.hash_type : patch.hash_type,
    };
    checkHashOrSecret(next.hash, next.secret);
    if (next.hash === '') next.hashType = null;
    else if (next.hashType === null) next.hashType = -1;
    const keys = identityKeys(next);
    const changes: Record<string, unknown> = {
      system: next.system,
      account: next.account,
      hash: next.hash,
      hash_type: next.hashType,
      secret: next.secret,
      ...keys,
    };
    if (patch.purpose !== undefined) changes.purpose = patch.purpose;
    if (patch.source !== undefined) changes.source = patch.source;
    if (patch.enabled !== undefined) changes.enabled = patch.enabled ? 1 : 0;
    if (patch.source_time !== undefined)
      changes.source_time = patch.source_time === null ? null : parseIsoTimestamp(patch.source_time);
    if (next.secret !== row.secret) Object.assign(changes, deriveSecretFields(next.secret));
    if (keys.hash_key !== row.hash_key) changes.hibp_count = null;
    try {
      await tx.updateTable('credential').set(changes).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw ValidationError.field(
          'hash',
          row.position === null && keys.hash_key !== row.hash_key
            ? `${ALREADY} (or the account already has a current hash of this type)`
            : ALREADY,
        );
      throw error;
    }
  });
  return getCredential(ctx, principal, id, { reveal: patch.secret != null, actor });
}

/** Deletes credentials; a current one takes its history (the older hashes of that account and type) along. */
export async function deleteCredentials(
  ctx: ServiceContext,
  principal: Principal,
  ids: number[],
): Promise<number> {
  const { db } = ctx;
  if (!ids.length) return 0;
  const rows = await db
    .selectFrom('credential')
    .select(['id', 'engagement_id', 'position', 'system_key', 'account_key', 'type_key'])
    .where('id', 'in', ids)
    .execute();
  if (rows.length !== new Set(ids).size) throw new NotFoundError('The credential');
  for (const engagementId of new Set(rows.map((r) => Number(r.engagement_id))))
    requireEngagementPermission(principal, engagementId, 'credential.delete', 'The credential');
  return writeTransaction(db, async (tx) => {
    let deleted = 0;
    for (const r of rows) {
      let q = tx.deleteFrom('credential').where('engagement_id', '=', r.engagement_id);
      q =
        r.position === null && Number(r.type_key) !== -2
          ? q
              .where('system_key', '=', r.system_key)
              .where('account_key', '=', r.account_key)
              .where('type_key', '=', r.type_key)
          : q.where('id', '=', r.id);
      const res = await q.executeTakeFirst();
      deleted += Number(res.numDeletedRows);
    }
    return deleted;
  });
}

/** The ids of an engagement's current credentials among `ids` (bulk delete names rows of one engagement). */
export async function deleteEngagementCredentials(
  ctx: ServiceContext,
  principal: Principal,
  code: string,
  ids: number[],
): Promise<number> {
  const { db } = ctx;
  const engagement = await vaultEngagement(db, principal, code, 'credential.delete');
  const found = await db
    .selectFrom('credential')
    .select('id')
    .where('engagement_id', '=', engagement.id)
    .where('id', 'in', ids)
    .execute();
  if (found.length !== new Set(ids).size)
    throw ValidationError.field(
      'ids',
      'Some credentials are not in this engagement (or were deleted already).',
    );
  return deleteCredentials(ctx, principal, ids);
}
