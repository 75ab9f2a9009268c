import { type IngestCounts, ingestFindings } from '../credentials/credential-ingest.service.ts';
import type { CredentialFinding } from '../extraction/credential-finding.ts';
import type { ServiceContext } from '../service-context.ts';

export const NO_CREDENTIALS: IngestCounts = { newHashes: 0, newSecrets: 0, historyHashes: 0, duplicates: 0 };

export function addCounts(total: IngestCounts, more: IngestCounts): void {
  total.newHashes += more.newHashes;
  total.newSecrets += more.newSecrets;
  total.historyHashes += more.historyHashes;
  total.duplicates += more.duplicates;
}

// The extraction itself has a file of its own, which the import thread loads without the vault's code.
export { lineFindings } from './eventstream-findings.ts';

/**
 * Adds what the extractors found in newly imported lines to the engagement's vault, in the batch's own
 * transaction: a line and the credentials found in it commit together. Lines imported before (the
 * duplicates) were read then and are not read again.
 */
export async function ingestLineFindings(
  ctx: ServiceContext,
  engagementId: number,
  actor: { userId: number | null; username: string },
  findings: CredentialFinding[],
): Promise<IngestCounts> {
  if (findings.length === 0) return { ...NO_CREDENTIALS };
  return ingestFindings(ctx, { engagementId, findings, origin: {}, actor });
}
