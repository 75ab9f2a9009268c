import type { CredentialStatsDto } from '@steppingstones/shared/credential-stats';
import { api, apiUrl } from '../../../lib/api-client.ts';
import { type CredentialFilterState, credentialFilterParams } from '../credentials-api.ts';

/** The vault's filter (the statistics page opens with the list's, from its URL). */
export type StatsFilter = Omit<CredentialFilterState, 'sort'>;

/** The filter as query parameters: each request carries its own (nothing kept between pages). */
export function filterQuery(engagement: string, f: StatsFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ engagement, ...extra });
  for (const [k, v] of credentialFilterParams(f)) q.set(k, v);
  return q.toString();
}

export const fetchStats = (engagement: string, f: StatsFilter) =>
  api<CredentialStatsDto>(`/credentials/stats/?${filterQuery(engagement, f)}`);

/** A cracking aid's download URL (plain text, named by the server). */
export const aidUrl = (
  engagement: string,
  f: StatsFilter,
  name: string,
  extra: Record<string, string> = {},
) => apiUrl(`/credentials/aids/${name}/?${filterQuery(engagement, f, extra)}`);

/** A chart of the credential-reports plugin: `echarts` for the page, `png`/`svg` rendered by the server. */
export const chartUrl = (
  engagement: string,
  f: StatsFilter,
  key: string,
  format: 'echarts' | 'png' | 'svg',
) => apiUrl(`/credential-reports/credential-reports/${key}/?${filterQuery(engagement, f, { format })}`);

export const setBreachChecks = (engagement: string, on: boolean) =>
  api<{ breach_checks: boolean }>(`/engagements/${encodeURIComponent(engagement)}/`, {
    method: 'PATCH',
    body: { breach_checks: on },
  });

export const fetchEngagement = (engagement: string) =>
  api<{ breach_checks: boolean }>(`/engagements/${encodeURIComponent(engagement)}/`);
