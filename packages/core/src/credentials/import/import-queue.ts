import { writeTransaction } from '@steppingstones/db';
import { DUMP_IMPORT_TYPES } from '@steppingstones/shared/credentials';
import { z } from 'zod';
import type { AuditActor } from '../../audit/index.ts';
import { ValidationError } from '../../errors.ts';
import { insertJob } from '../../jobs/job.service.ts';
import type { Principal } from '../../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../../service-context.ts';
import { vaultEngagement } from '../credential-engagement.ts';
import { checkHashType } from './colon.parser.ts';
import { startImportRecord } from './import-record.ts';

/** The worker's task that runs a queued dump or cracked-hash import. */
export const CREDENTIAL_IMPORT_TASK = 'core:credentials.import';
/** One run: a rerun after a lost worker starts over (re-importing adds nothing). */
export const CREDENTIAL_IMPORT_MAX_ATTEMPTS = 2;
/** Two hours: a 2 GB file takes minutes; the deadline only stops an import that hangs. */
export const CREDENTIAL_IMPORT_TIMEOUT_MS = 2 * 60 * 60_000;

export const credentialImportPayloadSchema = z.object({
  importId: z.number().int().positive(),
  /** The spooled upload's file name in DATA_DIR/uploads (runtime's uploadsDir; never a path). */
  upload: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  kind: z.enum(['dump', 'cracked']),
  engagement: z.string().min(1),
  type: z.enum(DUMP_IMPORT_TYPES).optional(),
  system: z.string().optional(),
  hashType: z.number().int().optional(),
  filename: z.string().optional(),
  actor: z.object({ userId: z.number().int().nullable(), username: z.string() }),
});
export type CredentialImportPayload = z.output<typeof credentialImportPayloadSchema>;

export interface QueuedImport {
  id: number;
  job_id: number;
  status: 'queued';
  url: string;
}

/**
 * Queues an uploaded file (already spooled to DATA_DIR/uploads) for the worker: the import's record
 * and its job are written together, so the worker never sees one without the other. The caller's
 * permission is checked here; the worker then imports as the one who queued it.
 */
export async function queueCredentialImport(
  ctx: ServiceContext,
  principal: Principal,
  request: Omit<CredentialImportPayload, 'importId' | 'actor'> & { size: number },
  actor: AuditActor,
): Promise<QueuedImport> {
  const { db } = ctx;
  const permission = request.kind === 'dump' ? 'credential.add' : 'credential.change';
  const engagement = await vaultEngagement(db, principal, request.engagement, permission);
  const typeProblem = checkHashType(request.hashType);
  if (typeProblem) throw ValidationError.field('hash_type', typeProblem);
  const { size, ...rest } = request;
  return writeTransaction(db, async (tx) => {
    const inTx = inTransaction(ctx, tx);
    const id = await startImportRecord(
      inTx,
      engagement.id,
      request.kind === 'dump' ? (request.type ?? '') : 'cracked',
      request.filename ?? '',
      actor,
      { status: 'queued', bytesTotal: size },
    );
    const payload: CredentialImportPayload = {
      ...rest,
      importId: id,
      actor: { userId: actor.userId || null, username: actor.username },
    };
    const jobId = await insertJob(inTx, {
      task: CREDENTIAL_IMPORT_TASK,
      payload,
      maxAttempts: CREDENTIAL_IMPORT_MAX_ATTEMPTS,
      engagementId: engagement.id,
    });
    await tx.updateTable('credential_import').set({ job_id: jobId }).where('id', '=', id).execute();
    return { id, job_id: jobId, status: 'queued', url: `/api/v1/credentials/imports/${id}/` };
  });
}
