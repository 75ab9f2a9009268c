import { writeTransaction } from '@steppingstones/db';
import type { AuditActor } from '../../audit/index.ts';
import { inTransaction, type ServiceContext } from '../../service-context.ts';
import { type IngestCounts, ingestFindings, type VaultFinding } from '../credential-ingest.service.ts';
import type { BatchCommits } from './import-batches.ts';

/**
 * Findings per batch: each batch is one transaction, written whole or not at all. Large enough that
 * commits are rare (each rewrites the index pages the batch touched; 2,000 a batch made a million-line
 * import about twice as slow), small enough that a batch holds the database for a moment only.
 */
export const DUMP_BATCH = 20_000;
/** Findings per ingest call inside a batch (the planning and look-ups of one call stay small). */
const INGEST_CHUNK = 2000;

/**
 * Collects a dump's findings and writes them batch by batch, each batch in its own transaction, so a
 * long import never holds the database (other requests and processes write between batches).
 */
export class DumpSink {
  private batch: VaultFinding[] = [];
  /** The last input line the queued findings cover. */
  private through = 0;
  readonly counts: IngestCounts = { newHashes: 0, newSecrets: 0, historyHashes: 0, duplicates: 0 };
  constructor(
    private readonly ctx: ServiceContext,
    private readonly engagementId: number,
    private readonly importId: number,
    private readonly actor: AuditActor,
    private readonly commits: BatchCommits,
  ) {}

  /**
   * Queues findings read up to `throughLine`; a promise only when the batch is full and being written
   * (no await per line).
   */
  add(findings: VaultFinding[], throughLine: number): Promise<void> | undefined {
    for (const f of findings) this.batch.push(f);
    this.through = Math.max(this.through, throughLine);
    return this.batch.length >= DUMP_BATCH ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    const findings = this.batch;
    const through = this.through;
    this.batch = [];
    if (findings.length) {
      const batch: IngestCounts = { newHashes: 0, newSecrets: 0, historyHashes: 0, duplicates: 0 };
      await writeTransaction(this.ctx.db, async (tx) => {
        for (let i = 0; i < findings.length; i += INGEST_CHUNK) {
          const c = await ingestFindings(inTransaction(this.ctx, tx), {
            engagementId: this.engagementId,
            findings: findings.slice(i, i + INGEST_CHUNK),
            origin: { importId: this.importId },
            actor: { userId: this.actor.userId, username: this.actor.username },
          });
          batch.newHashes += c.newHashes;
          batch.newSecrets += c.newSecrets;
          batch.historyHashes += c.historyHashes;
          batch.duplicates += c.duplicates;
        }
      });
      // Counted once the batch is committed: a rolled-back batch added nothing.
      this.counts.newHashes += batch.newHashes;
      this.counts.newSecrets += batch.newSecrets;
      this.counts.historyHashes += batch.historyHashes;
      this.counts.duplicates += batch.duplicates;
    }
    this.commits.committed(through);
  }

  /** The committed counts in the result's field names. */
  result(): Record<string, number> {
    return {
      new_hashes: this.counts.newHashes,
      new_secrets: this.counts.newSecrets,
      history_hashes: this.counts.historyHashes,
      duplicates: this.counts.duplicates,
    };
  }
}
