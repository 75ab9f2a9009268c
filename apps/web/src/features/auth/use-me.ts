import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchMe, updateMe } from './auth-api.ts';
import type { Me, MeUpdate } from './auth-types.ts';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user (null when signed out). Permissions are re-read whenever the window regains focus. */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 30_000 });
}

/** The signed-in user inside the authenticated part of the app (RequireAuth guarantees it). */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe() used outside the signed-in part of the app');
  return data;
}

/** PATCH /auth/me/ and put the answer straight into the cache. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: MeUpdate) => updateMe(update),
    onSuccess: (me) => queryClient.setQueryData(ME_KEY, me),
  });
}

/** The user's zone for date display; the browser's until they choose one. */
export function useTimezone(): string | null {
  const { data } = useMeQuery();
  return data?.timezone ?? null;
}
