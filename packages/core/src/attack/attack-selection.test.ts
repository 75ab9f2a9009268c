import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { ATTACK_MESSAGES, validateAttackSelection } from './index.ts';

async function problems(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe.each(testDialects())('ATT&CK selection rules on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx?.dispose());
  const v = (sel: Parameters<typeof validateAttackSelection>[1]) =>
    validateAttackSelection(ctx.database.db, sel);

  it('accepts a consistent selection, a tactic alone and nothing at all', async () => {
    expect(await v({ tactic_id: 'TA0008', technique_id: 'T1021', subtechnique_id: 'T1021.001' })).toEqual({
      tactic_id: 'TA0008',
      technique_id: 'T1021',
      subtechnique_id: 'T1021.001',
    });
    expect(await v({ tactic_id: 'TA0006' })).toEqual({
      tactic_id: 'TA0006',
      technique_id: null,
      subtechnique_id: null,
    });
    expect(await v({ tactic_id: '', technique_id: null })).toEqual({
      tactic_id: null,
      technique_id: null,
      subtechnique_id: null,
    });
  });

  it('rejects a technique without a tactic', async () => {
    expect(await problems(v({ technique_id: 'T1003' }))).toEqual([
      { field: 'mitre_attack_technique', message: ATTACK_MESSAGES.techniqueWithoutTactic },
    ]);
  });

  it('rejects a technique outside its tactic', async () => {
    expect(await problems(v({ tactic_id: 'TA0001', technique_id: 'T1003' }))).toEqual([
      { field: 'mitre_attack_technique', message: 'MITRE ATT&CK Technique is not associated with Tactic' },
    ]);
  });

  it('rejects a sub-technique without a technique and one under another technique', async () => {
    expect(await problems(v({ tactic_id: 'TA0006', subtechnique_id: 'T1003.001' }))).toEqual([
      {
        field: 'mitre_attack_subtechnique',
        message: "Can't define a MITRE ATT&CK Subtechnique without a Technique",
      },
    ]);
    expect(
      await problems(v({ tactic_id: 'TA0006', technique_id: 'T1558', subtechnique_id: 'T1003.001' })),
    ).toEqual([
      {
        field: 'mitre_attack_subtechnique',
        message: 'MITRE ATT&CK Subtechnique is not associated with Technique',
      },
    ]);
  });

  it('names the field of an unknown id', async () => {
    expect(await problems(v({ tactic_id: 'TA9999' }))).toEqual([
      { field: 'mitre_attack_tactic', message: 'Unknown ATT&CK tactic TA9999' },
    ]);
    expect(await problems(v({ tactic_id: 'TA0006', technique_id: 'T9999' }))).toEqual([
      { field: 'mitre_attack_technique', message: 'Unknown ATT&CK technique T9999' },
    ]);
    expect(
      await problems(v({ tactic_id: 'TA0006', technique_id: 'T1003', subtechnique_id: 'T1003' })),
    ).toEqual([{ field: 'mitre_attack_subtechnique', message: 'Unknown ATT&CK sub-technique T1003' }]);
  });

  it('splits a sub-technique id given as the technique, and normalises case and blanks', async () => {
    expect(await v({ tactic_id: 'ta0006', technique_id: ' t1558.003 ', subtechnique_id: '' })).toEqual({
      tactic_id: 'TA0006',
      technique_id: 'T1558',
      subtechnique_id: 'T1558.003',
    });
    expect(
      await problems(v({ tactic_id: 'TA0006', technique_id: 'T1558.003', subtechnique_id: 'T1558.004' })),
    ).toEqual([{ field: 'mitre_attack_subtechnique', message: ATTACK_MESSAGES.subtechniqueNotInTechnique }]);
  });
});
