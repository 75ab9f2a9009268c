import type { DB } from '@steppingstones/db';
import { toIsoUtc } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../errors.ts';
import { type Principal, requireEngagementPermission } from '../../permissions/index.ts';

export interface ImportStatusDto {
  id: number;
  type: string;
  filename: string;
  status: string;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  /** The import's result (the same shape the import answers when it runs in the request). */
  result: Record<string, unknown> | null;
}

/** An import's state: the "job" a large (or `async=true`) import answers 202 with. */
export async function getImport(db: Kysely<DB>, principal: Principal, id: number): Promise<ImportStatusDto> {
  const row = await db.selectFrom('credential_import').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('The import');
  requireEngagementPermission(principal, Number(row.engagement_id), 'credential.view', 'The import');
  const result = JSON.parse(row.result) as Record<string, unknown>;
  return {
    id: Number(row.id),
    type: row.type,
    filename: row.filename,
    status: row.status,
    created_by: row.created_by_name,
    created_at: toIsoUtc(Number(row.created_at)),
    finished_at: row.finished_at === null ? null : toIsoUtc(Number(row.finished_at)),
    result: row.status === 'running' ? null : result,
  };
}
