import { EXTRACTORS } from './catalogue.ts';
import type { CredentialExtractor, CredentialFinding } from './credential-finding.ts';
import { findingKey } from './finding.ts';
import { normalizeOutput } from './text.ts';

export interface ExtractOptions {
  /** System for findings whose output names none (the beacon's host, the import form's system). */
  defaultSystem?: string;
  /** Told about an extractor that threw; the others still run. */
  onError?: (extractor: string, error: unknown) => void;
  extractors?: readonly CredentialExtractor[];
}

/**
 * Every credential in a piece of tool output, each once. An extractor runs only when its marker is in
 * the text; one that throws is reported through `onError` and skipped, never stopping the others.
 * When the same hash is found with and without its cleartext (a hashcat pair next to the dump), only
 * the one with the cleartext is kept.
 */
export function extractCredentials(text: string, options: ExtractOptions = {}): CredentialFinding[] {
  if (!text) return [];
  const normalized = normalizeOutput(text);
  const found: CredentialFinding[] = [];
  for (const extractor of options.extractors ?? EXTRACTORS) {
    try {
      if (!extractor.mayMatch(normalized)) continue;
      found.push(...extractor.extract(normalized));
    } catch (error) {
      options.onError?.(extractor.name, error);
    }
  }
  return dedupe(found, options.defaultSystem ?? '');
}

function dedupe(found: CredentialFinding[], defaultSystem: string): CredentialFinding[] {
  const byKey = new Map<string, CredentialFinding>();
  const cracked = new Set<string>();
  for (const f of found) {
    if (!f.system && defaultSystem) f.system = defaultSystem;
    // Nothing to keep: no account, no hash, no secret (a privcheck block with neither user nor secret).
    if (!f.account && !f.hash && f.secret === null) continue;
    if (f.hash && f.secret !== null) cracked.add(findingKey({ ...f, secret: null }));
    const key = findingKey(f);
    if (!byKey.has(key)) byKey.set(key, f);
  }
  return [...byKey.entries()]
    .filter(([key, f]) => !(f.hash && f.secret === null && cracked.has(key)))
    .map(([, f]) => f);
}
