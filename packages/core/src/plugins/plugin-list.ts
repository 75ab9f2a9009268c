import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config/project-root.ts';

/**
 * `steppingstones.plugins.json`: the installed plugins, in order (the INSTALLED_APPS analogue). An
 * entry is a package name, a path to a package directory (relative to the file), or an object with
 * the package and its `config` (validated by the plugin's `configSchema`).
 */
const entrySchema = z.union([
  z.string().min(1),
  z.object({ package: z.string().min(1), config: z.record(z.string(), z.unknown()).optional() }),
]);
export const pluginListSchema = z.object({ plugins: z.array(entrySchema) });
export type PluginListFile = z.infer<typeof pluginListSchema>;

export interface PluginListEntry {
  /** As written in the file. */
  package: string;
  config: Record<string, unknown>;
}

/** The list file in use: `STEPPINGSTONES_PLUGINS_FILE` (tests, deployments), else the project root's. */
export function pluginListPath(env: NodeJS.ProcessEnv = process.env): string {
  const custom = env.STEPPINGSTONES_PLUGINS_FILE;
  return custom ? path.resolve(custom) : path.join(PROJECT_ROOT, 'steppingstones.plugins.json');
}

export class PluginListError extends Error {
  override name = 'PluginListError';
}

export function readPluginList(file: string = pluginListPath()): PluginListEntry[] {
  if (!fs.existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PluginListError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = pluginListSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PluginListError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data.plugins.map((e) =>
    typeof e === 'string' ? { package: e, config: {} } : { package: e.package, config: e.config ?? {} },
  );
}

function writeRaw(file: string, data: PluginListFile): void {
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

function readRaw(file: string): PluginListFile {
  if (!fs.existsSync(file)) return { plugins: [] };
  return pluginListSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const entryName = (e: PluginListFile['plugins'][number]) => (typeof e === 'string' ? e : e.package);

/** Appends a package to the list; false when it is already listed. */
export function addToPluginList(pkg: string, file: string = pluginListPath()): boolean {
  const data = readRaw(file);
  if (data.plugins.some((e) => entryName(e) === pkg)) return false;
  data.plugins.push(pkg);
  writeRaw(file, data);
  return true;
}

/** Removes a package from the list; false when it was not listed. */
export function removeFromPluginList(pkg: string, file: string = pluginListPath()): boolean {
  const data = readRaw(file);
  const kept = data.plugins.filter((e) => entryName(e) !== pkg);
  if (kept.length === data.plugins.length) return false;
  writeRaw(file, { ...data, plugins: kept });
  return true;
}

/** How to import an entry: a path (starts with `.` or `/`) becomes a file URL of the package's entry. */
export function resolvePluginSpecifier(pkg: string, listFile: string): string {
  if (!pkg.startsWith('.') && !path.isAbsolute(pkg)) return pkg;
  const dir = path.resolve(path.dirname(listFile), pkg);
  // A module file (a test fixture, a single-file plugin) is imported as it is.
  if (/\.(ts|js|mjs)$/.test(dir) && fs.existsSync(dir)) return pathToFileURL(dir).href;
  const manifestFile = path.join(dir, 'package.json');
  if (!fs.existsSync(manifestFile)) throw new PluginListError(`${dir} has no package.json.`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
    exports?: string | Record<string, unknown>;
    main?: string;
  };
  const exp = manifest.exports;
  const main =
    typeof exp === 'string' ? exp : typeof exp?.['.'] === 'string' ? (exp['.'] as string) : manifest.main;
  return pathToFileURL(path.join(dir, main ?? 'index.js')).href;
}
