// The web bundle's size budget, checked in CI after `npm run build:web`. What a user downloads before the
// first page shows (the entry script, the chunks it preloads and the CSS, gzipped) must stay within
// INITIAL_GZIP_BUDGET, and no lazily loaded chunk may pass CHUNK_GZIP_BUDGET. Raise a budget only on
// purpose, in the same commit as the change that needs it, and say why.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const INITIAL_GZIP_BUDGET = 330 * 1024;
const CHUNK_GZIP_BUDGET = 230 * 1024;

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'web', 'dist');
const indexHtml = path.join(dist, 'index.html');
if (!fs.existsSync(indexHtml)) {
  console.error(`${indexHtml} is missing: run \`npm run build:web\` first.`);
  process.exit(1);
}

const gzipped = (file) => gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

const html = fs.readFileSync(indexHtml, 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const initialBytes = initial.reduce((sum, file) => sum + gzipped(file), 0);

const chunks = fs
  .readdirSync(path.join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => ({ file: `assets/${f}`, bytes: gzipped(`assets/${f}`) }))
  .sort((a, b) => b.bytes - a.bytes);

const failures = [];
if (initialBytes > INITIAL_GZIP_BUDGET)
  failures.push(`the first page loads ${kib(initialBytes)} gzipped (budget ${kib(INITIAL_GZIP_BUDGET)})`);
for (const c of chunks)
  if (c.bytes > CHUNK_GZIP_BUDGET)
    failures.push(`${c.file} is ${kib(c.bytes)} gzipped (budget ${kib(CHUNK_GZIP_BUDGET)})`);

console.log(
  `web bundle: first page ${kib(initialBytes)} gzipped in ${initial.length} files (budget ${kib(INITIAL_GZIP_BUDGET)})`,
);
console.log(
  `largest chunks: ${chunks
    .slice(0, 3)
    .map((c) => `${c.file} ${kib(c.bytes)}`)
    .join(', ')}`,
);
if (failures.length) {
  console.error(
    `Over the bundle-size budget:\n  ${failures.join('\n  ')}\nLoad the code lazily (a route or a dialog imported with import()), or raise the budget in scripts/check-bundle-size.mjs on purpose.`,
  );
  process.exit(1);
}
