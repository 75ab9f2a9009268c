import type { EngagementCreate, EngagementDto, EngagementUpdate, ListEnvelope } from '@steppingstones/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';
import { fetchAllPages } from '../../lib/paging.ts';

type Engagement = EngagementDto;

export const ENGAGEMENTS_KEY = ['engagements'] as const;

export function useEngagements() {
  return useQuery({
    queryKey: ENGAGEMENTS_KEY,
    queryFn: () => fetchAllPages<Engagement>('/engagements/'),
  });
}

export function useEngagement(code: string) {
  return useQuery({
    queryKey: [...ENGAGEMENTS_KEY, code],
    queryFn: () => api<Engagement>(`/engagements/${encodeURIComponent(code)}/`),
  });
}

export function createEngagement(input: EngagementCreate): Promise<Engagement> {
  return api<Engagement>('/engagements/', { method: 'POST', body: input });
}

export function updateEngagement(code: string, patch: EngagementUpdate): Promise<Engagement> {
  return api<Engagement>(`/engagements/${encodeURIComponent(code)}/`, { method: 'PATCH', body: patch });
}

export function purgeEngagement(code: string, confirmCode: string): Promise<unknown> {
  return api(`/engagements/${encodeURIComponent(code)}/purge/`, {
    method: 'POST',
    body: { confirm_code: confirmCode },
  });
}

type MembersResponse =
  | string[]
  | { usernames: string[] }
  | { username: string }[]
  | ListEnvelope<{ username: string } | string>;

/** The members' usernames, whatever list shape the server answers with. */
function usernames(data: MembersResponse): string[] {
  if (!Array.isArray(data) && 'usernames' in data) return data.usernames;
  const items: ({ username: string } | string)[] = Array.isArray(data) ? data : data.results;
  return items.map((m) => (typeof m === 'string' ? m : m.username));
}

export function useMembers(code: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ENGAGEMENTS_KEY, code, 'members'],
    queryFn: async () =>
      usernames(await api<MembersResponse>(`/engagements/${encodeURIComponent(code)}/members/`)),
    enabled,
  });
}

export function setMembers(code: string, names: string[]): Promise<unknown> {
  return api(`/engagements/${encodeURIComponent(code)}/members/`, {
    method: 'PUT',
    body: { usernames: names },
  });
}
