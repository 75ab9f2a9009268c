import { charMask, maskEffort, passwordStructure } from './char-mask.ts';
import { passwordComplexity } from './complexity.ts';

export interface SecretFields {
  complexity: string | null;
  char_mask: string | null;
  char_mask_effort: number | null;
  structure: string | null;
}

/** The columns derived from a secret; all null for an unknown (uncracked) secret. */
export function deriveSecretFields(secret: string | null): SecretFields {
  if (secret === null) return { complexity: null, char_mask: null, char_mask_effort: null, structure: null };
  const mask = charMask(secret);
  return {
    complexity: passwordComplexity(secret),
    char_mask: mask,
    char_mask_effort: maskEffort(mask),
    structure: passwordStructure(secret),
  };
}
