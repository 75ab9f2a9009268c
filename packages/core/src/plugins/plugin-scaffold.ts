import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/project-root.ts';
import { ValidationError } from '../errors.ts';
import { addToPluginList, pluginListPath } from './plugin-list.ts';

const require = createRequire(import.meta.url);
// The SDK's entry is src/index.ts; the template sits beside src/.
const TEMPLATE_DIR = path.join(path.dirname(require.resolve('@steppingstones/plugin-sdk')), '..', 'template');

export interface ScaffoldResult {
  directory: string;
  packageName: string;
  pluginId: string;
  files: string[];
}

function titleOf(name: string): string {
  return name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * `plugins new NAME` (the `startapp` analogue): a working, tested plugin package under
 * `plugins/NAME` with id NAME, added to the plugin list. It loads after `npm install` links it.
 */
export function scaffoldPlugin(
  name: string,
  options: { pluginsDir?: string; listFile?: string } = {},
): ScaffoldResult {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 60)
    throw ValidationError.field(
      'name',
      'must be kebab-case: lower-case letters, digits and single hyphens, e.g. my-reports',
    );
  if (name === 'sdk')
    throw ValidationError.field('name', '"sdk" is taken by the plugin SDK; pick another name');
  const directory = path.join(options.pluginsDir ?? path.join(PROJECT_ROOT, 'plugins'), name);
  if (fs.existsSync(directory)) throw ValidationError.field('name', `${directory} already exists`);
  const packageName = `@steppingstones/plugin-${name}`;
  const replace = (text: string) => text.replaceAll('__NAME__', name).replaceAll('__TITLE__', titleOf(name));
  const files: string[] = [];
  const copy = (from: string, to: string) => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name.replace(/\.template$/, ''));
      if (entry.isDirectory()) {
        fs.mkdirSync(target, { recursive: true });
        copy(source, target);
      } else {
        fs.writeFileSync(target, replace(fs.readFileSync(source, 'utf8')));
        files.push(path.relative(directory, target));
      }
    }
  };
  fs.mkdirSync(directory, { recursive: true });
  copy(TEMPLATE_DIR, directory);
  addToPluginList(packageName, options.listFile ?? pluginListPath());
  return { directory, packageName, pluginId: name, files: files.sort() };
}
