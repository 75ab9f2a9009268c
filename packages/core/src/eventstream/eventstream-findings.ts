import type { CredentialFinding } from '../extraction/credential-finding.ts';
import { extractCredentials } from '../extraction/extract.ts';
import type { EventStreamValues } from './eventstream-format.ts';

/**
 * What the credential extractors find in a line's text (description, evidence, outcome, additional
 * data). On its own, apart from the vault's writes: the import thread loads this and nothing of the
 * database layer.
 */
export function lineFindings(v: EventStreamValues): CredentialFinding[] {
  return extractCredentials(
    [v.description, v.raw_evidence, v.outcome, v.additional_data].filter(Boolean).join('\n\n'),
  );
}
