import type {
  EngagementCreate,
  EngagementDto,
  EngagementUpdate,
  MemberDto,
  RoleSlug,
} from '@steppingstones/shared';
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

export function useMembers(code: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ENGAGEMENTS_KEY, code, 'members'],
    queryFn: () => fetchAllPages<MemberDto>(`/engagements/${encodeURIComponent(code)}/members/`),
    enabled,
  });
}

const membersPath = (code: string) => `/engagements/${encodeURIComponent(code)}/members/`;

/** Adds an existing user (or changes their role); with `password`, creates a user of this engagement only. */
export function addMember(
  code: string,
  member: { username: string; role: RoleSlug; password?: string },
): Promise<MemberDto> {
  return api<MemberDto>(membersPath(code), { method: 'POST', body: member });
}

export function removeMember(code: string, username: string): Promise<unknown> {
  return api(`${membersPath(code)}${encodeURIComponent(username)}/`, { method: 'DELETE' });
}
