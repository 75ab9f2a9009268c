import fs from 'node:fs';
import { ValidationError } from '../errors.ts';
import type { AttackDataset } from './attack.dataset.ts';
import { isCondensedAttack, parseCondensedAttack } from './attack-condensed.parser.ts';
import { isStixBundle, parseStixAttack } from './attack-stix.parser.ts';

/** Reads an ATT&CK file in either format: a MITRE STIX 2.1 bundle or the project's condensed JSON. */
export function readAttackFile(file: string): { format: 'stix' | 'condensed'; dataset: AttackDataset } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw ValidationError.field('FILE', `Cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw ValidationError.field('FILE', `${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (isStixBundle(json)) return { format: 'stix', dataset: parseStixAttack(json) };
  if (isCondensedAttack(json)) return { format: 'condensed', dataset: parseCondensedAttack(json) };
  throw ValidationError.field(
    'FILE',
    `${file} is neither a STIX bundle (enterprise-attack.json from MITRE) nor the condensed ATT&CK format.`,
  );
}
