// `npm start` runs this first: it builds the web app when its bundle is missing or older than its
// sources, so a fresh clone needs only `npm install && npm start`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = path.join(root, 'apps/web');
const built = path.join(web, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = [path.join(web, 'src'), path.join(root, 'packages/shared/src')];
const sourceTime = Math.max(...sources.map(newestMtime), fs.statSync(path.join(web, 'index.html')).mtimeMs);
if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sourceTime) process.exit(0);

console.log('Building the web app (first start, or its sources changed)…');
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    path.join(web, 'vite.config.ts'),
    '--logLevel',
    'warn',
  ],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
