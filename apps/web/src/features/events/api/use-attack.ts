import { useQuery } from '@tanstack/react-query';
import { fetchTactics, fetchTechnique, fetchTechniques } from './attack-api.ts';

/** ATT&CK data changes only on an import: cache it for the session. */
const FOREVER = { staleTime: Number.POSITIVE_INFINITY, gcTime: 60 * 60_000 } as const;

export function useTactics() {
  return useQuery({ queryKey: ['attack', 'tactics'], queryFn: fetchTactics, ...FOREVER });
}

export function useTechniques(tactic: string | null) {
  return useQuery({
    queryKey: ['attack', 'techniques', tactic],
    queryFn: () => fetchTechniques(tactic as string),
    enabled: !!tactic,
    ...FOREVER,
  });
}

export function useTechnique(id: string | null) {
  return useQuery({
    queryKey: ['attack', 'technique', id],
    queryFn: () => fetchTechnique(id as string),
    enabled: !!id,
    ...FOREVER,
  });
}
