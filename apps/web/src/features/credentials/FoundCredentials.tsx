import { Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { canIn } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { CREDENTIALS_KEY, fetchFoundCredentials } from './credentials-api.ts';
import { FoundCredentialsTable } from './FoundCredentialsTable.tsx';

/**
 * The credentials the extractors found in an EventStream line or a C2 action's output, folded and
 * read when opened (one request per opened row, not per row shown). Nothing for the blue team (no
 * `credential.view`: they never see the vault). Secrets stay masked; the vault reveals them (audited).
 */
export function FoundCredentials({ origin, id }: { origin: 'line' | 'action'; id: number }) {
  const me = useMe();
  const allowed = canIn(me, me.current_engagement ?? '', 'credential.view');
  const [open, setOpen] = useState(false);
  const found = useQuery({
    queryKey: [...CREDENTIALS_KEY, origin, id],
    queryFn: () => fetchFoundCredentials(origin, id),
    enabled: allowed && open,
    staleTime: 15_000,
  });
  if (!allowed) return null;
  const label = origin === 'line' ? 'Credentials found in this line' : 'Credentials found in this output';
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} aria-label={label}>
      <summary>
        <Text span size="xs" c="dimmed">
          Credentials{found.data ? ` (${found.data.count})` : ''}
        </Text>
      </summary>
      {found.isLoading ? (
        <Loader size="xs" />
      ) : found.data?.results.length ? (
        <FoundCredentialsTable results={found.data.results} />
      ) : found.data ? (
        <Text size="xs" c="dimmed">
          None found.
        </Text>
      ) : null}
    </details>
  );
}
