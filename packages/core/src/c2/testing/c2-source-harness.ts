import type { DialectName } from '@steppingstones/db';
import type { Principal } from '../../permissions/index.ts';
import { ThreadPool } from '../../plugins/host/thread-pool.ts';
import { pluginDefinitionSchema } from '../../plugins/plugin-definition.schema.ts';
import { attachPluginHost } from '../../plugins/plugin-host.ts';
import { registryOf } from '../../plugins/plugin-registry.ts';
import { PluginState } from '../../plugins/plugin-state.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../../testing/index.ts';
import { type C2ImportResult, importC2Logs } from '../c2-import.service.ts';

export interface C2SourceHarness {
  context: TestContext;
  /** An operator (every permission) in the engagement `C2T`. */
  operator: Principal;
  /** Imports a file through the host's one C2 import path, with only this plugin installed. */
  importFile(
    adapter: string,
    filename: string,
    data: Buffer,
    options?: { server?: string },
  ): Promise<C2ImportResult & { read: number }>;
  dispose(): Promise<void>;
}

/**
 * A real database (both dialects) whose plugin host holds only the plugin under test, so a C2 source's
 * test runs the same archive reading, batching and idempotent writes as `c2 import` and the API.
 */
export async function createC2SourceHarness(
  plugin: unknown,
  options: {
    dialect?: DialectName;
    /**
     * The module that exports the plugin (`new URL('./index.ts', import.meta.url).href`): parsing runs
     * in the plugin thread pool, which imports the plugin itself, as the server does.
     */
    specifier?: string;
  } = {},
): Promise<C2SourceHarness> {
  const definition = pluginDefinitionSchema.parse(plugin);
  const context = await createTestContext(options.dialect ?? 'sqlite');
  const threads = new ThreadPool();
  const registry = registryOf(
    'test',
    [
      {
        definition,
        package: definition.id,
        specifier: options.specifier ?? definition.id,
        config: {},
        position: 0,
      },
    ],
    [],
  );
  attachPluginHost(context, {
    registry,
    state: new PluginState(context.database.db),
    database: context.database,
    threads,
    sync: async () => [],
    close: () => threads.close(),
  });
  const { principal } = await arrangeOperator(context.services(), ['C2T']);
  return {
    context,
    operator: principal,
    importFile: (adapter, filename, data, o = {}) =>
      importC2Logs(context, principal, {
        engagement: 'C2T',
        adapter,
        server: o.server ?? 'ts1',
        filename,
        data,
      }),
    async dispose() {
      await threads.close();
      await context.dispose();
    },
  };
}
