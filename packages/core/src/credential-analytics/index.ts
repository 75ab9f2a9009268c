export { affixKeyspace, affixMask, splitLeading, splitTrailing } from './affixes.ts';
export { type AidDownload, credentialAid } from './aids.service.ts';
export { breachCheckQueries } from './breach/breach.queries.ts';
export { taskContextFor } from './breach/breach-task-context.ts';
export {
  CHARSET_SIZE,
  charClass,
  charMask,
  maskEffort,
  maskKeyspace,
  passwordStructure,
} from './char-mask.ts';
export { COMPLEXITY_CLASSES, type Complexity, passwordComplexity } from './complexity.ts';
export { type Counted, countBy, top } from './counting.ts';
export { deriveSecretFields, type SecretFields } from './derive.ts';
export { masklist, prefixMasks, type RankedMask, rankMasks, suffixMasks } from './masklist.ts';
export { appendRule, letterParts, numberParts, type PartKind, partsOf, symbolParts } from './parts.ts';
export { credentialStats } from './stats.queries.ts';
export { walkStatsRows } from './stats-rows.ts';
export { buildStatsVault, H as statsVaultHash } from './stats-vault.fixture.ts';
export { prefixWords, suffixWords, wordsOf } from './wordlist.ts';
