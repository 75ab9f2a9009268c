import { identityKeys, identityString } from '../credentials/credential-keys.ts';
import type { CredentialFinding } from '../extraction/credential-finding.ts';
import { type ServiceContext, transactionOf } from '../service-context.ts';
import type { EventStreamValues } from './eventstream-format.ts';

/** A newly imported line and what the extractors found in it. */
export interface LineFindings {
  line: { values: EventStreamValues; hash: string };
  findings: readonly CredentialFinding[];
}

/** Rows per look-up or insert: well under both dialects' parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Links each credential found in a line to the line, inside the import's transaction, after the
 * findings went into the vault: one that was there already (found in an earlier line, event or
 * dump) links to this line too. Only lines with findings cost anything: most lines have none.
 */
export async function linkLineCredentials(
  ctx: Pick<ServiceContext, 'db'>,
  engagementId: number,
  lines: readonly LineFindings[],
): Promise<number> {
  const found = lines.filter((l) => l.findings.length > 0);
  if (found.length === 0) return 0;
  const tx = transactionOf(ctx);
  const lineIds = new Map<string, number>();
  for (const part of chunks(found)) {
    const rows = await tx
      .selectFrom('eventstream_line')
      .select(['id', 'start_at', 'line_hash'])
      .where('engagement_id', '=', engagementId)
      .where(
        'line_hash',
        'in',
        part.map((l) => l.line.hash),
      )
      .execute();
    for (const r of rows) lineIds.set(`${Number(r.start_at)}\u0000${r.line_hash}`, Number(r.id));
  }
  const wanted = new Map<string, Set<number>>();
  for (const l of found) {
    const lineId = lineIds.get(`${l.line.values.start_at}\u0000${l.line.hash}`);
    if (lineId === undefined) continue;
    for (const f of l.findings) {
      const hash = f.hash.trim();
      if (hash === '' && f.secret === null) continue;
      const identity = identityString(identityKeys({ ...f, hash }));
      const set = wanted.get(identity) ?? new Set<number>();
      set.add(lineId);
      wanted.set(identity, set);
    }
  }
  const hashKeys = [...new Set([...wanted.keys()].map((k) => k.slice(k.lastIndexOf('\u0000') + 1)))];
  const links: Array<{ line_id: number; credential_id: number }> = [];
  for (const part of chunks(hashKeys)) {
    const rows = await tx
      .selectFrom('credential')
      .select(['id', 'system_key', 'account_key', 'type_key', 'hash_key'])
      .where('engagement_id', '=', engagementId)
      .where('hash_key', 'in', part)
      .execute();
    for (const r of rows) {
      const lineSet = wanted.get(identityString({ ...r, type_key: Number(r.type_key) }));
      for (const lineId of lineSet ?? []) links.push({ line_id: lineId, credential_id: Number(r.id) });
    }
  }
  for (const part of chunks(links))
    await tx
      .insertInto('eventstream_line_credential')
      .values(part)
      .onConflict((oc) => oc.columns(['line_id', 'credential_id']).doNothing())
      .execute();
  return links.length;
}
