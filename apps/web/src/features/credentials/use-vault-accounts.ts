import { useQuery } from '@tanstack/react-query';
import { canIn } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { CREDENTIALS_KEY, fetchVaultAccounts } from './credentials-api.ts';

/**
 * Vault accounts (`SYSTEM\account`) starting with what the user typed, for the event form's user
 * fields; always empty for roles without `credential.view` (the blue team), who are never asked.
 */
export function useVaultAccounts(engagement: string, search: string, enabled: boolean): string[] {
  const me = useMe();
  const allowed = canIn(me, engagement, 'credential.view');
  const accounts = useQuery({
    queryKey: [...CREDENTIALS_KEY, 'accounts', engagement, search],
    queryFn: () => fetchVaultAccounts(engagement, search),
    enabled: allowed && enabled && engagement !== '',
    staleTime: 30_000,
  });
  return allowed ? (accounts.data ?? []).map((a) => a.value) : [];
}
