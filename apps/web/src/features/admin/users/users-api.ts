import type {
  ListEnvelope,
  RoleDto,
  UserDto,
  userCreateSchema,
  userUpdateSchema,
} from '@steppingstones/shared';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { fetchAllPages } from '../../../lib/paging.ts';

export type User = UserDto;
/** The bodies of `POST /users/` and `PATCH /users/{id}/`, as the server's schemas define them. */
export type UserCreate = z.input<typeof userCreateSchema>;
export type UserUpdate = z.input<typeof userUpdateSchema>;

export const USERS_KEY = ['users'] as const;
export const ROLES_KEY = ['roles'] as const;

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: () => fetchAllPages('/users/', (path) => api<ListEnvelope<User>>(path)),
    enabled,
  });
}

/** The roles a membership may carry, with the codes each grants in its engagement. */
export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: () => fetchAllPages('/roles/', (path) => api<ListEnvelope<RoleDto>>(path)),
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
