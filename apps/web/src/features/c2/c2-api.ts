import type { C2ActionDto, C2SessionDto } from '@steppingstones/shared/c2';
import { api } from '../../lib/api-client.ts';

export interface C2List<T> {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: T[];
}

export function fetchSessions(engagement: string): Promise<C2List<C2SessionDto>> {
  return api<C2List<C2SessionDto>>(`/c2/sessions/?${new URLSearchParams({ engagement, page_size: '200' })}`);
}

/** Operator actions, newest first: of one session when given, every search word somewhere. */
export function fetchActions(
  engagement: string,
  filter: { session: number | null; search: string },
): Promise<C2List<C2ActionDto>> {
  const q = new URLSearchParams({ engagement, page_size: '100' });
  if (filter.session) q.set('session', String(filter.session));
  if (filter.search.trim()) q.set('search', filter.search.trim());
  return api<C2List<C2ActionDto>>(`/c2/actions/?${q}`);
}
