// Tasks for the worker's tests. Each records its runs by appending to a file (one line per run),
// which several threads and processes can do safely with O_APPEND.
import fs from 'node:fs';
import { staticResolver, type TaskDefinition, type TaskResolver } from '@steppingstones/core/jobs';
import { logPayload } from './test-task-functions.ts';

const here = new URL('./test-task-functions.ts', import.meta.url).href;
export function testTaskDefinitions(overrides: Partial<TaskDefinition> = {}): TaskDefinition[] {
  return [
    {
      name: 'test-plugin:record',
      pluginId: 'test-plugin',
      payloadSchema: logPayload,
      timeoutMs: 10_000,
      maxAttempts: 3,
      entry: { module: here, exportName: 'recordRun' },
      ...overrides,
    },
    {
      name: 'test-plugin:block',
      pluginId: 'test-plugin',
      payloadSchema: logPayload,
      timeoutMs: 500,
      maxAttempts: 3,
      entry: { module: here, exportName: 'blockThread' },
      ...overrides,
    },
  ];
}

export function testResolver(
  options: { disabled?: () => string[]; definitions?: TaskDefinition[] } = {},
): TaskResolver {
  const inner = staticResolver(options.definitions ?? testTaskDefinitions());
  return { ...inner, disabledPluginIds: async () => options.disabled?.() ?? [] };
}

export function readRuns(file: string): Array<{ id: number; attempt: number; what: string }> {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, attempt, what] = line.split(' ');
      return { id: Number(id), attempt: Number(attempt), what: what! };
    });
}
