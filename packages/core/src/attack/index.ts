export {
  type AttackDataset,
  type AttackRelease,
  attackUrl,
  type DatasetDetectionStrategy,
  type DatasetMitigation,
  type DatasetTactic,
  type DatasetTechnique,
} from './attack.dataset.ts';
export {
  type AttackReleaseInfo,
  type AttackTactic,
  type AttackTechniqueDetail,
  type AttackTechniqueSummary,
  attackNames,
  attackReleaseInfo,
  findTactic,
  getTechnique,
  listSubtechniques,
  listTactics,
  listTechniques,
  type TechniqueSearch,
} from './attack.queries.ts';
export { isCondensedAttack, parseCondensedAttack } from './attack-condensed.parser.ts';
export { readAttackFile } from './attack-file.ts';
export {
  ATTACK_RELEASE_KEY,
  type AttackImportReport,
  applyAttackDataset,
  importAttackDataset,
  type KindCounts,
} from './attack-import.service.ts';
export { ensureAttackData, vendoredAttackDataset } from './attack-seed.service.ts';
export {
  ATTACK_FIELDS,
  ATTACK_MESSAGES,
  type AttackSelection,
  type AttackSelectionInput,
  validateAttackSelection,
} from './attack-selection.validation.ts';
export { isStixBundle, parseStixAttack } from './attack-stix.parser.ts';
