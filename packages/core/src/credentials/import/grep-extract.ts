import { ValidationError } from '../../errors.ts';
import * as extraction from '../../extraction/index.ts';
import type { VaultFinding } from '../credential-ingest.service.ts';

type Extract = (text: string, options?: { defaultSystem?: string }) => VaultFinding[];

/**
 * The extraction area's `extractCredentials(text)`, looked up at call time: the `grep` import type
 * needs it, the other types do not, so a build without the extractors still imports everything else.
 */
export function grepExtractor(): Extract {
  const fn = (extraction as Record<string, unknown>).extractCredentials;
  if (typeof fn !== 'function')
    throw ValidationError.field(
      'type',
      'grep needs the credential extractors, which this installation does not have yet; use secretsdump, pwdump or a user-… type',
    );
  return fn as Extract;
}
