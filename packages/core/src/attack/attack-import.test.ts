import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import {
  attackReleaseInfo,
  ensureAttackData,
  getTechnique,
  importAttackDataset,
  listTactics,
  listTechniques,
  parseStixAttack,
  readAttackFile,
  validateAttackSelection,
  vendoredAttackDataset,
} from './index.ts';

const MINI = path.join(import.meta.dirname, 'fixtures/enterprise-attack.mini.json');

describe.each(testDialects())('ATT&CK data on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx?.dispose());
  const db = () => ctx.database.db;
  const count = async (table: 'attack_tactic' | 'attack_technique' | 'attack_mitigation') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loads the vendored v18.1 release once, on start', async () => {
    expect(await count('attack_tactic')).toBe(14);
    expect(await count('attack_technique')).toBe(216 + 475);
    expect(await count('attack_mitigation')).toBe(44);
    expect(await attackReleaseInfo(db())).toMatchObject({ release: '18.1', source: 'vendored' });
    expect(await ensureAttackData(ctx.services())).toBe(false);
    expect(await count('attack_technique')).toBe(691);
  });

  it('imports a STIX bundle: adds, updates, deprecates what is missing, and keeps old references valid', async () => {
    const { format, dataset } = readAttackFile(MINI);
    expect(format).toBe('stix');
    const report = await importAttackDataset(ctx.services(), dataset, MINI);
    expect(report.release).toBe('19.0');
    expect(report.techniques.added).toBe(2); // T1999, and T1998 (deprecated by MITRE but kept)
    expect(report.techniques.updated + report.techniques.unchanged).toBe(4);
    expect(report.techniques.deprecated).toBe(691 - 4);
    expect(report.tactics).toMatchObject({ added: 0, deprecated: 12 });
    expect(report.detectionStrategies.added).toBe(1);

    // The revoked technique is not imported; the deprecated one is kept but hidden from pickers.
    expect(
      await db().selectFrom('attack_technique').select('id').where('id', '=', 'T1000').executeTakeFirst(),
    ).toBeUndefined();
    expect((await listTactics(db())).map((t) => t.id)).toEqual(['TA0008', 'TA0006']);
    expect((await listTechniques(db(), { tactic: 'TA0006' })).map((t) => t.id)).toEqual(['T1999', 'T1558']);
    const withOld = await listTechniques(db(), { tactic: 'TA0006', includeDeprecated: true });
    expect(withOld.find((t) => t.id === 'T1003')).toMatchObject({ deprecated: true });

    // An event recorded against the old release still validates after the update.
    await expect(
      validateAttackSelection(db(), {
        tactic_id: 'TA0006',
        technique_id: 'T1003',
        subtechnique_id: 'T1003.001',
      }),
    ).resolves.toMatchObject({ technique_id: 'T1003' });
    await expect(
      validateAttackSelection(db(), { tactic_id: 'TA0008', technique_id: 'T1999' }),
    ).resolves.toMatchObject({ technique_id: 'T1999' });

    const kerberoasting = await getTechnique(db(), 'T1558.003');
    expect(kerberoasting.mitigations).toEqual([
      expect.objectContaining({
        id: 'M1027',
        description: 'Use long, complex passwords for service accounts.',
      }),
    ]);
    expect(kerberoasting.detection_strategies).toEqual([
      expect.objectContaining({
        id: 'DET9001',
        analytics: [
          expect.objectContaining({ id: 'AN9001', platforms: ['Windows'] }),
          expect.objectContaining({ id: 'AN9002', platforms: ['Linux'] }),
        ],
      }),
    ]);
    expect((await getTechnique(db(), 'T1558')).subtechniques.map((s) => s.id)).toEqual(['T1558.003']);
    // The deprecated `mitigates` relationship is not imported.
    expect((await getTechnique(db(), 'T1999')).mitigations).toEqual([]);
    expect(await attackReleaseInfo(db())).toMatchObject({ release: '19.0', source: MINI });
  });

  it('re-importing the same release changes nothing; importing the vendored one restores it', async () => {
    const again = await importAttackDataset(ctx.services(), readAttackFile(MINI).dataset, MINI);
    expect(again.techniques).toEqual({ added: 0, updated: 0, unchanged: 6, deprecated: 0 });
    const back = await importAttackDataset(ctx.services(), vendoredAttackDataset(), 'vendored');
    expect(back.techniques.deprecated).toBe(1); // T1999 (T1998 was already deprecated by MITRE)
    expect((await listTactics(db())).length).toBe(14);
    expect((await getTechnique(db(), 'T1003')).deprecated).toBe(false);
    expect((await getTechnique(db(), 'T1999')).deprecated).toBe(true);
  });
});

describe('STIX bundle validation', () => {
  const bundle = (objects: unknown[]) => ({ type: 'bundle', id: 'bundle--x', objects });
  const problems = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ValidationError) return e.problems;
      throw e;
    }
    throw new Error('expected a ValidationError');
  };

  it('names the bad object and what is wrong with it', () => {
    expect(
      problems(() =>
        parseStixAttack(
          bundle([
            { type: 'identity', id: 'identity--x' },
            { type: 'attack-pattern', id: 'attack-pattern--bad', name: 'No id', external_references: [] },
          ]),
        ),
      ),
    ).toEqual([
      {
        field: 'objects[1] (attack-pattern--bad)',
        message: expect.stringContaining('no "mitre-attack" entry'),
      },
    ]);
    expect(
      problems(() => parseStixAttack(bundle([{ type: 'x-mitre-tactic', id: 'x-mitre-tactic--t' }])))[0]
        ?.field,
    ).toBe('objects[0] (x-mitre-tactic--t)');
    expect(problems(() => parseStixAttack({ objects: [] }))[0]?.message).toMatch(/Not a STIX bundle/);
  });
});
