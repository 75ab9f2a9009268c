import type { NavigatorLinkDto, NavigatorUnavailableReason } from '@steppingstones/shared/navigator';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';

/** Renew this long before expiry, so the link on screen always has time left to be clicked and fetched. */
const RENEW_MARGIN_MS = 60_000;

/** The signed "Open in Navigator" link for the report's engagement, filter and parameters, kept fresh. */
export function useNavigatorLink(plugin: string, key: string, engagement: string, query: string) {
  const params = new URLSearchParams(query);
  params.set('engagement', engagement);
  return useQuery({
    queryKey: ['navigator-link', plugin, key, params.toString()],
    queryFn: () =>
      api<NavigatorLinkDto>(
        `/reports/${encodeURIComponent(plugin)}/${encodeURIComponent(key)}/navigator-link/?${params}`,
      ),
    retry: false,
    refetchOnWindowFocus: true,
    staleTime: 0,
    refetchInterval: (q) => {
      const link = q.state.data;
      if (!link?.available) return false;
      return Math.max(10_000, Date.parse(link.expires_at) - Date.now() - RENEW_MARGIN_MS);
    },
  });
}

/** True when the link would expire before the Navigator has fetched it (e.g. the laptop slept). */
export function isAboutToExpire(expiresAt: string, now = Date.now()): boolean {
  return Date.parse(expiresAt) - now < 15_000;
}

/** Why the Navigator cannot fetch the layer from this server, in the user's terms. */
export function unavailableExplanation(
  reason: NavigatorUnavailableReason,
  navigatorUrl: string,
  publicUrl: string | null,
): string {
  const navigator = new URL(navigatorUrl).host;
  const navigatorHttps = navigatorUrl.startsWith('https:');
  const why = navigatorHttps
    ? `The Navigator (${navigator}) is an https page running in your browser: it may fetch the layer only from an https address (browsers block an https page from reading an http one, "mixed content"), and the public Navigator cannot reach an address that exists only on a private network.`
    : `The Navigator (${navigator}) runs in your browser and fetches the layer from this server's address.`;
  if (reason === 'public_url_unset')
    return `This server does not know the address it is reached at (PUBLIC_URL is not set), so it cannot give the Navigator a link to fetch the layer from. ${why} Ask your administrator to serve the app over https and set PUBLIC_URL, or to set NAVIGATOR_URL to a Navigator hosted beside the app.`;
  return `This server is served over http (${publicUrl ?? 'PUBLIC_URL'}). ${why} Ask your administrator to serve the app over https (TLS_CERT_FILE and TLS_KEY_FILE, or a reverse proxy) with an https PUBLIC_URL, or to set NAVIGATOR_URL to a Navigator hosted beside the app.`;
}
