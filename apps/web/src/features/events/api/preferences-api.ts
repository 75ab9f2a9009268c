import type {
  EngagementPreferences,
  EngagementPreferencesUpdate,
} from '@steppingstones/shared/engagement-preferences';
import { api } from '../../../lib/api-client.ts';

/** The signed-in user's own settings in an engagement (apps/server/src/routes/engagement-preferences.routes.ts). */
export const preferencesKey = (engagement: string) => ['engagement-preferences', engagement] as const;

export function fetchEngagementPreferences(
  engagement: string,
  signal?: AbortSignal,
): Promise<EngagementPreferences> {
  return api<EngagementPreferences>(`/engagements/${encodeURIComponent(engagement)}/preferences/`, {
    signal,
  });
}

export function saveEngagementPreferences(
  engagement: string,
  update: EngagementPreferencesUpdate,
): Promise<EngagementPreferences> {
  return api<EngagementPreferences>(`/engagements/${encodeURIComponent(engagement)}/preferences/`, {
    method: 'PATCH',
    body: update,
  });
}
