import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { fetchAllPages, type ListEnvelope } from '../../../lib/lists.ts';

export interface User {
  id: number;
  username: string;
  display_name: string;
  is_active: boolean;
  is_superuser: boolean;
  groups: string[];
  engagements: string[];
  last_login_at: string | null;
  created_at: string;
}

export interface UserCreate {
  username: string;
  display_name: string;
  password: string;
  groups: string[];
  engagements: string[];
  is_superuser: boolean;
}

export interface UserUpdate {
  display_name?: string;
  groups?: string[];
  engagements?: string[];
  is_active?: boolean;
  is_superuser?: boolean;
}

export interface Group {
  id: number;
  name: string;
  permissions: string[];
}

export const USERS_KEY = ['users'] as const;
export const GROUPS_KEY = ['groups'] as const;

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: () => fetchAllPages('/users/', (path) => api<ListEnvelope<User>>(path)),
    enabled,
  });
}

export function useGroups(enabled = true) {
  return useQuery({
    queryKey: GROUPS_KEY,
    queryFn: () => fetchAllPages('/groups/', (path) => api<ListEnvelope<Group>>(path)),
    enabled,
  });
}

export function createUser(input: UserCreate): Promise<User> {
  return api<User>('/users/', { method: 'POST', body: input });
}

export function updateUser(id: number, patch: UserUpdate): Promise<User> {
  return api<User>(`/users/${id}/`, { method: 'PATCH', body: patch });
}

export function resetPassword(id: number, newPassword: string): Promise<unknown> {
  return api(`/users/${id}/reset-password/`, { method: 'POST', body: { new_password: newPassword } });
}
