import type { Tx } from '@steppingstones/db';
import { type IngestActor, ingestFindings } from '../credentials/credential-ingest.service.ts';
import { extractCredentials } from '../extraction/extract.ts';
import type { ServiceContext } from '../service-context.ts';
import type { NewAction } from './c2-actions.write.ts';

const FILE_INDICATOR = /^file: ([0-9a-fA-F]{32}) (\d+) bytes (.+)$/;

/** `file:` indicators of new actions become the engagement's file records (get-or-create). */
export async function writeIndicatorFiles(
  tx: Tx,
  engagementId: number,
  actions: readonly NewAction[],
  now: number,
) {
  let added = 0;
  for (const { record } of actions) {
    for (const indicator of record.indicators) {
      const m = FILE_INDICATOR.exec(indicator.trim());
      if (!m) continue;
      const md5 = (m[1] as string).toLowerCase();
      const size = Number(m[2]);
      const filename = (m[3] as string).split(/[\\/]/).pop() || (m[3] as string);
      const found = await tx
        .selectFrom('file')
        .select('id')
        .where('engagement_id', '=', engagementId)
        .where('filename', '=', filename)
        .where('md5', '=', md5)
        .executeTakeFirst();
      if (found) continue;
      await tx
        .insertInto('file')
        .values({ engagement_id: engagementId, filename, size, md5, created_at: now, updated_at: now })
        .execute();
      added++;
    }
  }
  return added;
}

/**
 * Runs the credential extractors over the output of new actions (the session's host as the default
 * system) and adds what they find to the vault, each credential pointing at its action. Runs in the
 * caller's transaction (`ctx` on it).
 */
export async function writeActionCredentials(
  ctx: ServiceContext,
  engagementId: number,
  actions: readonly NewAction[],
  hosts: Map<number, string>,
  actor: IngestActor,
): Promise<number> {
  let added = 0;
  for (const { id, sessionId, record } of actions) {
    if (!record.output) continue;
    const findings = extractCredentials(record.output, { defaultSystem: hosts.get(sessionId) ?? '' });
    if (findings.length === 0) continue;
    const counts = await ingestFindings(ctx, { engagementId, findings, origin: { c2ActionId: id }, actor });
    added += counts.newHashes + counts.newSecrets;
  }
  return added;
}
