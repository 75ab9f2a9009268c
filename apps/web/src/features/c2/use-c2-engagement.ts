import { useQuery } from '@tanstack/react-query';
import { useMe } from '../auth/use-me.ts';
import { fetchSessions } from './c2-api.ts';

/** The current engagement's code and its sessions by id (the C2 pages name sessions by them). */
export function useC2Engagement() {
  const me = useMe();
  const engagement = me.current_engagement ?? '';
  const sessions = useQuery({
    queryKey: ['c2-sessions', engagement],
    queryFn: () => fetchSessions(engagement),
    enabled: engagement !== '',
  });
  return { me, engagement, sessions: new Map((sessions.data?.results ?? []).map((s) => [s.id, s])) };
}
