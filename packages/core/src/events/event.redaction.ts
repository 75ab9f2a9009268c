import { engagementsWith, type Principal } from '../permissions/index.ts';
import { redactEvidence } from '../redaction/index.ts';

export type Redactor = (text: string) => string;

const keep: Redactor = (text) => text;

/**
 * Only principals with `credential.view` see hash- and password-shaped spans; everyone else gets masks.
 * Across engagements it must be held in every one the principal may open (a blue team member in one
 * engagement and an operator in another sees masks in a list spanning both); work on one engagement
 * narrows the principal to it first (`principalInEngagement`).
 */
export function canSeeCredentials(principal: Principal): boolean {
  const held = engagementsWith(principal, 'credential.view');
  if (held === 'all') return true;
  if (principal.engagementIds === 'all') return false;
  return (
    principal.engagementIds.length > 0 && principal.engagementIds.every((id) => held.includes(Number(id)))
  );
}

/** The masking every output path applies for this principal (grid, API, exports, search). */
export function redactorFor(principal: Principal): Redactor {
  return canSeeCredentials(principal) ? keep : redactEvidence;
}

export function redactNullable(redact: Redactor, text: string | null): string | null {
  return text === null ? null : redact(text);
}
