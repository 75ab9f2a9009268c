import type { CredentialExtractor } from './credential-finding.ts';
import { type PatternFlags, Re2Pattern } from './engine.ts';

/**
 * One entry of the secret catalogue: a named RE2 pattern and the groups in it that hold a secret or a
 * hash. The extractors parse with these patterns and the redaction test checks that every span these
 * groups capture is masked for readers without `credential.view`, so the two never drift apart.
 * Sources use the syntax RE2 and JavaScript share (`(?<name>…)`, no look-around, no back-references).
 */
export interface PatternDefinition {
  name: string;
  description: string;
  source: string;
  flags?: PatternFlags;
  /** Named groups holding secret material (hashes, passwords, keys). */
  secretGroups: readonly string[];
  /** The hashcat mode of the hash the pattern captures, when there is one. */
  hashcatMode?: number;
}

export interface CataloguePattern extends PatternDefinition {
  /** Compiled on first use, on RE2. */
  readonly re: Re2Pattern;
}

export function definePattern(definition: PatternDefinition): CataloguePattern {
  let compiled: Re2Pattern | undefined;
  return {
    ...definition,
    get re() {
      compiled ??= new Re2Pattern(definition.source, definition.flags);
      return compiled;
    },
  };
}

/** An extractor of the catalogue: the shared extractor shape plus the patterns it parses with. */
export interface CatalogueExtractor extends CredentialExtractor {
  /**
   * Literal markers, one of which is in any text the extractor can find something in (empty: it
   * always runs). `extractCredentials` finds all extractors' markers in one pass.
   */
  markers: readonly string[];
  patterns: readonly CataloguePattern[];
}
