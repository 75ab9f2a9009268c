import type { PluginAdminDto, PluginMenuItemDto } from '@steppingstones/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../lib/api-client.ts';

export type MenuItem = PluginMenuItemDto;
export type PluginRecord = PluginAdminDto;
export type ReportPointType = 'event-report' | 'credential-report';

interface Envelope<T> {
  results: T[];
}

/** The points of a menu the user may run (the server already applies enabled flags and permissions). */
export function usePluginPoints(type: MenuItem['type']) {
  return useQuery({
    queryKey: ['plugin-points', type],
    queryFn: async () => (await api<Envelope<MenuItem>>(`/plugin-points/?type=${type}`)).results,
    // Admins toggle plugins at any time; the menu follows without a reload.
    staleTime: 5_000,
  });
}

/** Groups sorted menu items by category, keeping the server's order (category, then title). */
export function groupByCategory(items: MenuItem[]): Array<{ category: string; items: MenuItem[] }> {
  const groups: Array<{ category: string; items: MenuItem[] }> = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.category === item.category) last.items.push(item);
    else groups.push({ category: item.category, items: [item] });
  }
  return groups;
}

/** The report's own URL (what the frame loads and Download fetches). `query` is the grid's filter. */
export function reportUrl(
  type: ReportPointType,
  plugin: string,
  key: string,
  engagement: string,
  query = '',
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams(query);
  params.delete('engagement');
  params.set('engagement', engagement);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const base = type === 'credential-report' ? 'credential-reports' : 'reports';
  return apiUrl(`/${base}/${encodeURIComponent(plugin)}/${encodeURIComponent(key)}/?${params.toString()}`);
}

export const PLUGINS_KEY = ['plugins'] as const;

export function usePlugins() {
  return useQuery({
    queryKey: PLUGINS_KEY,
    queryFn: async () => (await api<Envelope<PluginRecord>>('/plugins/')).results,
  });
}

export function useTogglePlugin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { plugin: string; key?: string; type?: string; enabled: boolean }) =>
      input.key
        ? api<PluginRecord>(
            `/plugins/${encodeURIComponent(input.plugin)}/points/${encodeURIComponent(input.key)}/`,
            {
              method: 'PATCH',
              body: { enabled: input.enabled, ...(input.type ? { type: input.type } : {}) },
            },
          )
        : api<PluginRecord>(`/plugins/${encodeURIComponent(input.plugin)}/`, {
            method: 'PATCH',
            body: { enabled: input.enabled },
          }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: PLUGINS_KEY });
      void client.invalidateQueries({ queryKey: ['plugin-points'] });
    },
  });
}
