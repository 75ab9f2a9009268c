export { containsSecrets, findSecrets, REDACTION_MASK, redactEvidence, type SecretSpan } from './redact.ts';
export { SECRET_PATTERNS, type SecretPattern } from './secret-patterns.ts';
