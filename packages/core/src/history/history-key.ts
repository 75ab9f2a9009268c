import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Carries the history-chain key on a database handle. The key is derived from SECRET_KEY_FILE and never
 * stored in the database; attaching it as a (no-op) Kysely plugin lets any transaction opened from the
 * handle find it, so the event services need no extra parameter and a handle without a key cannot
 * write history by accident.
 */
export class HistoryKeyCarrier implements KyselyPlugin {
  constructor(readonly key: Buffer) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

interface HasExecutor {
  getExecutor(): { plugins: ReadonlyArray<KyselyPlugin> };
}

/** Transitional: the key a bare transaction carries (writers not yet handed a context: clones, imports). */
export function carriedHistoryKey(db: HasExecutor): Buffer {
  const carrier = db
    .getExecutor()
    .plugins.find((p): p is HistoryKeyCarrier => p instanceof HistoryKeyCarrier);
  if (!carrier) {
    throw new Error(
      'This database handle carries no history key: open it through createAppContext so event changes can be chained.',
    );
  }
  return carrier.key;
}
