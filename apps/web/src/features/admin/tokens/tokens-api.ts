import type { ApiTokenDto, apiTokenCreatedSchema, apiTokenCreateSchema } from '@steppingstones/shared';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { fetchList } from '../../../lib/paging.ts';

export type PersonalToken = ApiTokenDto;
/** A new token with its secret: shown once, never retrievable again. */
export type CreatedToken = z.infer<typeof apiTokenCreatedSchema>;

export const TOKENS_KEY = ['tokens'] as const;

export function useTokens() {
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: () => fetchList<PersonalToken>('/tokens/'),
  });
}

export function createToken(input: z.input<typeof apiTokenCreateSchema>): Promise<CreatedToken> {
  return api<CreatedToken>('/tokens/', { method: 'POST', body: input });
}

export function revokeToken(id: number): Promise<void> {
  return api<void>(`/tokens/${id}/`, { method: 'DELETE' });
}
