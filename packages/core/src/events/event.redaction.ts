import { hasPermission, type Principal } from '../permissions/index.ts';
import { redactEvidence } from '../redaction/index.ts';

export type Redactor = (text: string) => string;

const keep: Redactor = (text) => text;

/** Only principals with `credential.view` see hash- and password-shaped spans; everyone else gets masks. */
export function canSeeCredentials(principal: Principal): boolean {
  return hasPermission(principal, 'credential.view');
}

/** The masking every output path applies for this principal (grid, API, exports, search). */
export function redactorFor(principal: Principal): Redactor {
  return canSeeCredentials(principal) ? keep : redactEvidence;
}

export function redactNullable(redact: Redactor, text: string | null): string | null {
  return text === null ? null : redact(text);
}
