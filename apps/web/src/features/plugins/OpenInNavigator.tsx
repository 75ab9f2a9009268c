import { Alert, Button, Stack, Text } from '@mantine/core';
import type { MouseEvent } from 'react';
import { errorMessage } from '../../lib/api-error.ts';
import { isAboutToExpire, unavailableExplanation, useNavigatorLink } from './navigator-link.ts';
import { PluginIcon } from './plugin-icons.tsx';

interface Props {
  plugin: string;
  reportKey: string;
  engagement: string;
  /** The grid's filter and the report's parameters, as in the viewer's URL (without the engagement). */
  query: string;
}

const UPLOAD_HINT =
  'In the Navigator, choose "Open Existing Layer", then "Upload from local", and pick the file.';

/**
 * "Open in Navigator" for a report that is an ATT&CK Navigator layer. The link opens the Navigator with
 * `#layerURL=` a signed layer URL that works for a few minutes without cookies; it renews itself while
 * the page is open. Where the Navigator could not fetch it (no https PUBLIC_URL), explains why and
 * offers the download instead.
 */
export function OpenInNavigator({ plugin, reportKey, engagement, query }: Props) {
  const link = useNavigatorLink(plugin, reportKey, engagement, query);
  const data = link.data;

  if (link.isError)
    return (
      <Text size="sm" c="red" role="alert">
        Open in Navigator is not available: {errorMessage(link.error)}
      </Text>
    );

  if (data && !data.available)
    return (
      <Alert
        color="yellow"
        title="Open in Navigator does not work on this server"
        data-testid="navigator-unavailable"
      >
        <Stack gap="xs">
          <Text size="sm">{unavailableExplanation(data.reason, data.navigator_url, data.public_url)}</Text>
          <Text size="sm">
            Meanwhile, save the layer with Download (at the top of the page) and open it in the Navigator
            yourself. {UPLOAD_HINT}
          </Text>
        </Stack>
      </Alert>
    );

  // A link that went stale while the page slept is renewed on the click, then opened.
  const onClick = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (!data?.available || !isAboutToExpire(data.expires_at)) return;
    event.preventDefault();
    const fresh = await link.refetch();
    if (fresh.data?.available) window.open(fresh.data.open_url, '_blank', 'noopener,noreferrer');
  };

  return (
    <Stack gap={4} align="flex-start">
      <Button
        component="a"
        href={data?.available ? data.open_url : undefined}
        target="_blank"
        rel="noopener noreferrer"
        variant="light"
        leftSection={<PluginIcon name="map" />}
        disabled={!data?.available}
        onClick={onClick}
        data-testid="open-in-navigator"
      >
        Open in Navigator
      </Button>
      {data?.available && (
        <Text size="xs" c="dimmed" maw={760}>
          Opens this layer in the {'ATT&CK'} Navigator at {new URL(data.navigator_url).host}. The link works
          for {Math.round(data.ttl_seconds / 60)} minutes and renews while this page is open. If the Navigator
          cannot load it (a browser may keep a public site from reading a private address), use Download and
          upload the file in the Navigator ("Open Existing Layer", then "Upload from local").
        </Text>
      )}
    </Stack>
  );
}
