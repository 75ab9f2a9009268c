export { restoreMasks } from './mask-restore.ts';
export {
  containsSecrets,
  findSecrets,
  type MaskedText,
  maskSegments,
  REDACTION_MASK,
  redactEvidence,
  type SecretSpan,
} from './redact.ts';
export { originalRange, type ScanText, scanTextOf } from './scan-text.ts';
export {
  compilePattern,
  SECRET_PATTERN_SPECS,
  SECRET_PATTERNS,
  type SecretPattern,
  type SecretPatternSpec,
} from './secret-patterns.ts';
