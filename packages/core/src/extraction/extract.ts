import { EXTRACTORS } from './catalogue.ts';
import type { CredentialExtractor, CredentialFinding } from './credential-finding.ts';
import { findingKey } from './finding.ts';
import { MarkerIndex, withMarkerPositions } from './markers.ts';
import type { CatalogueExtractor } from './pattern.ts';
import { normalizeOutput } from './text.ts';

export interface ExtractOptions {
  /** System for findings whose output names none (the beacon's host, the import form's system). */
  defaultSystem?: string;
  /** Told about an extractor that threw; the others still run. */
  onError?: (extractor: string, error: unknown) => void;
  /** Defaults to every extractor of the catalogue. */
  extractors?: readonly CredentialExtractor[];
}

let catalogueIndex: MarkerIndex | undefined;

function markerIndex(extractors: readonly CredentialExtractor[]): MarkerIndex | null {
  if (extractors !== EXTRACTORS) return null;
  catalogueIndex ??= new MarkerIndex([...new Set(EXTRACTORS.flatMap((e) => e.markers))]);
  return catalogueIndex;
}

function hasMarkers(e: CredentialExtractor): e is CatalogueExtractor {
  return Array.isArray((e as CatalogueExtractor).markers);
}

/**
 * Every credential in a piece of tool output, each once. The catalogue's markers are found in one
 * pass and an extractor runs only when one of its markers is there (other extractors are asked
 * `mayMatch`); one that throws is reported through `onError` and skipped, never stopping the others.
 * When the same hash is found with and without its cleartext (a hashcat pair next to the dump), only
 * the one with the cleartext is kept.
 */
export function extractCredentials(text: string, options: ExtractOptions = {}): CredentialFinding[] {
  if (!text) return [];
  const normalized = normalizeOutput(text);
  const extractors = options.extractors ?? EXTRACTORS;
  const index = markerIndex(extractors);
  const positions = index?.scan(normalized) ?? new Map<string, number[]>();
  const found: CredentialFinding[] = [];
  withMarkerPositions(
    normalized,
    positions,
    () => runExtractors(extractors, normalized, index !== null ? positions : null, found, options),
    index?.covered,
  );
  return found.length === 0 ? found : dedupe(found, options.defaultSystem ?? '');
}

/** `positions`: the markers found (null: no index, each extractor is asked `mayMatch`). */
function runExtractors(
  extractors: readonly CredentialExtractor[],
  normalized: string,
  positions: Map<string, number[]> | null,
  found: CredentialFinding[],
  options: ExtractOptions,
): void {
  for (const extractor of extractors) {
    try {
      const wanted =
        positions !== null && hasMarkers(extractor)
          ? extractor.markers.length === 0 || anyFound(extractor.markers, positions)
          : extractor.mayMatch(normalized);
      // A loop, not push(...spread): a huge output's findings would overflow the argument stack.
      if (wanted) for (const f of extractor.extract(normalized)) found.push(f);
    } catch (error) {
      options.onError?.(extractor.name, error);
    }
  }
}

function anyFound(markers: readonly string[], positions: Map<string, number[]>): boolean {
  if (positions.size === 0) return false;
  for (const m of markers) if ((positions.get(m)?.length ?? 0) > 0) return true;
  return false;
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
