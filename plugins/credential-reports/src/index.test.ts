import { readFile, writeFile } from 'node:fs/promises';
import {
  createPluginTestHarness,
  decodePng,
  type PluginTestHarness,
  parseSvg,
  seedCredentialFixtures,
  testDialects,
} from '@steppingstones/plugin-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskSecret } from './cracked-accounts.ts';
import plugin from './index.ts';

/** Compares with `__golden__/NAME`; `UPDATE_GOLDEN=1` rewrites it (review the diff). */
async function golden(name: string, text: string) {
  const file = new URL(`./__golden__/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) await writeFile(file, text);
  expect(text).toBe(await readFile(file, 'utf8'));
}

/** Every secret and hash of the fixture vault: none may appear in the summary. */
const SECRETS = ['Summer2024!', 'Summer2023!', 'Dave', 'x9!', 'ERIN1', 'Erin1'];

describe.each(testDialects())('credential-reports on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    await seedCredentialFixtures(h);
  });
  afterAll(() => h.dispose());

  it('markdown-credential-summary: the finding in counts and patterns, never a secret or a hash', async () => {
    const { text } = await h.renderCredentialReport('markdown-credential-summary');
    await golden('markdown-credential-summary.md', text);
    expect(text).toContain('Secrets recovered for 4 of 7 (57.1%) unique user accounts.');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/[0-9a-f]{32}/i);
  });

  it('html-cracked-accounts: each cracked account with its secret masked but for the ends', async () => {
    const { text } = await h.renderCredentialReport('html-cracked-accounts');
    await golden('html-cracked-accounts.html', text);
    expect(text).toContain('S*********!');
    expect(text).toContain('NTLM');
    for (const secret of SECRETS) expect(text).not.toContain(`>${secret}<`);
  });

  it('png-password-lengths: the length chart as SVG and PNG', async () => {
    const { output, text } = await h.renderCredentialReport('png-password-lengths');
    if (output.kind !== 'chart') throw new Error('expected a chart');
    await golden('png-password-lengths.json', `${JSON.stringify(output.option, null, 2)}\n`);
    const svg = parseSvg(text);
    expect(svg.texts).toEqual(expect.arrayContaining(['Unknown', '11']));
    const png = await h.renderCredentialReport('png-password-lengths', { format: 'png' });
    const decoded = decodePng(png.rendered.body as Uint8Array);
    expect([decoded.width, decoded.height]).toEqual([1800, 1200]);
  });

  for (const key of ['chart-password-complexity', 'chart-password-structure'])
    it(`${key}: a pie of the accounts, uncracked in grey, as SVG`, async () => {
      const { output, text } = await h.renderCredentialReport(key);
      if (output.kind !== 'chart') throw new Error('expected a chart');
      await golden(`${key}.json`, `${JSON.stringify(output.option, null, 2)}\n`);
      expect(parseSvg(text).texts.join(' ')).toContain('uncracked: 4');
    });

  it('masks short secrets whole', () => {
    expect(maskSecret('ab')).toBe('**');
    expect(maskSecret('abc')).toBe('a*c');
    expect(maskSecret('pässwörd')).toBe('p******d');
  });
});
