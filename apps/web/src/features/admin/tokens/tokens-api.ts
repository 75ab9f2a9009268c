import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { type ListEnvelope, listItems } from '../../../lib/lists.ts';

export interface PersonalToken {
  id: number;
  name: string;
  /** The first characters of the secret, to recognise it in a config file. */
  prefix: string;
  permissions: string[];
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface CreatedToken extends PersonalToken {
  /** The secret: shown once, never retrievable again. */
  token: string;
}

export const TOKENS_KEY = ['tokens'] as const;

export function useTokens() {
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: async () => listItems(await api<PersonalToken[] | ListEnvelope<PersonalToken>>('/tokens/')),
  });
}

export function createToken(input: {
  name: string;
  permissions: string[];
  expires_at?: string;
}): Promise<CreatedToken> {
  return api<CreatedToken>('/tokens/', { method: 'POST', body: input });
}

export function revokeToken(id: number): Promise<void> {
  return api<void>(`/tokens/${id}/`, { method: 'DELETE' });
}
