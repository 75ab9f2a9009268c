/**
 * The grid's filter. It lives in the URL query (shareable; the back button works), every API request
 * carries it explicitly, and the last one is remembered per user and engagement only to reopen the
 * grid where the user left it (remembered-filter.ts).
 */
export interface EventFilterState {
  search: string;
  tag: string[];
  untagged: boolean;
  tactic: string;
  technique: string;
  detected: string[];
  prevented: string[];
  operator: string;
  starred: boolean;
  /** Only events the client's blue team commented on (`blue_comments=true`). */
  blueComments: boolean;
  /** ISO-8601 UTC instants (inclusive). */
  from: string;
  to: string;
  /** `-timestamp` (newest first, the default), `timestamp`, `detected`, `-detected`… */
  sort: string;
}

export const DEFAULT_SORT = '-timestamp';

export const EMPTY_FILTER: EventFilterState = {
  search: '',
  tag: [],
  untagged: false,
  tactic: '',
  technique: '',
  detected: [],
  prevented: [],
  operator: '',
  starred: false,
  blueComments: false,
  from: '',
  to: '',
  sort: DEFAULT_SORT,
};

const LIST_KEYS = ['tag', 'detected', 'prevented'] as const;
const TEXT_KEYS = ['search', 'tactic', 'technique', 'operator', 'from', 'to'] as const;

export function filterFromSearchParams(params: URLSearchParams): EventFilterState {
  const f: EventFilterState = { ...EMPTY_FILTER, tag: [], detected: [], prevented: [] };
  for (const key of TEXT_KEYS) f[key] = params.get(key) ?? '';
  for (const key of LIST_KEYS)
    f[key] = params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  f.untagged = params.get('untagged') === 'true';
  f.starred = params.get('starred') === 'true';
  f.blueComments = params.get('blue_comments') === 'true';
  f.sort = params.get('sort') || DEFAULT_SORT;
  return f;
}

/** Only what differs from the defaults, in a stable order, so URLs stay short and comparable. */
export function filterToSearchParams(f: EventFilterState): URLSearchParams {
  const p = new URLSearchParams();
  if (f.search.trim()) p.set('search', f.search.trim());
  for (const key of LIST_KEYS) if (f[key].length) p.set(key, f[key].join(','));
  if (f.untagged) p.set('untagged', 'true');
  for (const key of ['tactic', 'technique', 'operator', 'from', 'to'] as const)
    if (f[key]) p.set(key, f[key]);
  if (f.starred) p.set('starred', 'true');
  if (f.blueComments) p.set('blue_comments', 'true');
  if (f.sort && f.sort !== DEFAULT_SORT) p.set('sort', f.sort);
  return p;
}

/** The list request for a filter: the engagement and every filter field, explicitly. */
export function eventListPath(engagement: string, f: EventFilterState, pageSize = 100): string {
  const p = filterToSearchParams(f);
  p.set('engagement', engagement);
  p.set('sort', f.sort || DEFAULT_SORT);
  p.set('page_size', String(pageSize));
  return `/events/?${p.toString()}`;
}

export function isFiltered(f: EventFilterState): boolean {
  const p = filterToSearchParams({ ...f, sort: DEFAULT_SORT });
  return [...p.keys()].length > 0;
}
