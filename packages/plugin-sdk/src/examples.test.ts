import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every export of the SDK is documented with at least one `@example`, and every example compiles
 * against the SDK as a plugin would import it: a renamed field or a changed signature fails here, not
 * in a plugin author's editor.
 */
const SRC = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(SRC, '../../..');
const read = (file: string) => fs.readFileSync(path.join(SRC, file), 'utf8');

interface Export {
  name: string;
  file: string;
}

/** The names `index.ts` exports, with the file that declares each. */
function sdkExports(): Export[] {
  const index = read('index.ts');
  const found: Export[] = [];
  for (const m of index.matchAll(/export\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    const file = m[2]!.startsWith('./') ? m[2]!.slice(2) : 'index.ts';
    for (const part of m[1]!.split(',')) {
      const name = part.replace(/^\s*type\s+/, '').trim();
      if (name) found.push({ name, file });
    }
  }
  for (const m of index.matchAll(/export\s+type\s+\*\s+from\s+'\.\/([^']+)'/g)) {
    for (const d of read(m[1]!).matchAll(/^export\s+(?:interface|type)\s+(\w+)/gm))
      found.push({ name: d[1]!, file: m[1]! });
  }
  return found;
}

/** The TSDoc block right above a name's declaration (or above its re-export in index.ts). */
function docOf({ name, file }: Export): string | undefined {
  const source = read(file);
  const declaration =
    file === 'index.ts'
      ? `export\\s*\\{\\s*${name}\\s*\\}`
      : `export\\s+(?:async\\s+)?(?:function\\*?|const|class|interface|type)\\s+${name}\\b`;
  // A lint directive (`// biome-ignore …`) may stand between the block and the declaration.
  const match = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)(?:\\s*//[^\\n]*)*\\s*${declaration}`).exec(
    source,
  );
  return match?.[1];
}

/** The fenced code of each `@example` in a TSDoc block. */
function examplesIn(doc: string): string[] {
  const text = doc
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n');
  return text
    .split('@example')
    .slice(1)
    .flatMap((part) => {
      const code = /```(?:ts|typescript)\n([\s\S]*?)```/.exec(part.split(/\n@\w+/)[0] ?? '');
      return code ? [code[1]!] : [];
    });
}

const exports = sdkExports();
const workDir = path.join(ROOT, 'node_modules', '.cache', `sdk-examples-${process.pid}`);

describe('the plugin SDK documentation', () => {
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it('documents every export with an example', () => {
    expect(exports.length).toBeGreaterThan(30);
    const missing = exports.filter((e) => examplesIn(docOf(e) ?? '').length === 0).map((e) => e.name);
    expect(missing, 'exports without a TSDoc @example').toEqual([]);
  });

  it('has examples that type-check against the SDK', { timeout: 120_000 }, () => {
    fs.mkdirSync(workDir, { recursive: true });
    const names = [...new Set(exports.map((e) => e.name))];
    const files: string[] = [];
    for (const e of exports) {
      examplesIn(docOf(e) ?? '').forEach((code, i) => {
        const file = `${e.name}-${i + 1}.ts`;
        // Every SDK name is in scope, as in a plugin that imported what it uses.
        const header = `import { ${names.join(', ')} } from '@steppingstones/plugin-sdk';\nexport {};\n`;
        fs.writeFileSync(path.join(workDir, file), header + code);
        files.push(file);
      });
    }
    fs.writeFileSync(
      path.join(workDir, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(ROOT, 'tsconfig.base.json'),
        compilerOptions: {
          lib: ['ES2023'],
          types: ['node'],
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
          // The shared header imports every name, types included, whether the example uses it or not.
          verbatimModuleSyntax: false,
          noUnusedLocals: false,
        },
        files,
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', workDir], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
    }
    // `<Name>-<n>.ts(line,col)`: the line counts from the example's first line plus the two header lines.
    expect(output, 'examples that do not compile').toBe('');
  });
});
