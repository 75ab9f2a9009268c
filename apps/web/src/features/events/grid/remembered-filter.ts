import { filterFromSearchParams, filterToSearchParams } from './event-filter.ts';

/**
 * The grid's last filter per user and engagement. The server keeps it (it follows the user between
 * machines); this browser keeps a copy for an instant first paint, marked `synced` once the server has it.
 */
export interface RememberedFilter {
  /** The grid's URL query ('' = unfiltered). */
  query: string;
  /** The server holds this value (false while a save is pending or failed). */
  synced: boolean;
}

/** The query as the grid writes it into the URL, so values from elsewhere compare equal to the URL's. */
export function canonicalFilter(query: string): string {
  return filterToSearchParams(filterFromSearchParams(new URLSearchParams(query))).toString();
}

const storageKey = (userId: number, engagement: string) =>
  `steppingstones.events.filter.${userId}.${engagement}`;

/** localStorage, when the browser offers it (private modes may throw on access). */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function readRemembered(
  storage: Pick<Storage, 'getItem'> | undefined,
  userId: number,
  engagement: string,
): RememberedFilter | null {
  try {
    const raw = storage?.getItem(storageKey(userId, engagement));
    if (raw === null || raw === undefined) return null;
    // Earlier versions stored the bare query, never sent to the server.
    if (!raw.startsWith('{')) return { query: raw, synced: false };
    const value = JSON.parse(raw) as Partial<RememberedFilter>;
    return typeof value.query === 'string' ? { query: value.query, synced: value.synced === true } : null;
  } catch {
    return null;
  }
}

export function writeRemembered(
  storage: Pick<Storage, 'setItem'> | undefined,
  userId: number,
  engagement: string,
  value: RememberedFilter,
): void {
  try {
    storage?.setItem(storageKey(userId, engagement), JSON.stringify(value));
  } catch {
    // A full quota: the server copy still reopens the grid.
  }
}

/**
 * Once the server's filter is known, where a grid that was opened without a filter should go: the
 * server's filter when this browser had none, or had an older one the user has not touched since the
 * first paint. A copy this browser has not yet saved wins (it is the newer one). Null: stay.
 */
export function filterFromServer(options: {
  local: RememberedFilter | null;
  server: string | null;
  shown: string;
}): string | null {
  const { local, server, shown } = options;
  if (server === null) return null;
  const wanted = canonicalFilter(server);
  if (wanted === shown) return null;
  if (local === null) return wanted;
  return local.synced && shown === canonicalFilter(local.query) ? wanted : null;
}
