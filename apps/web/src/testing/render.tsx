import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import type { Me } from '@steppingstones/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { render } from 'vitest-browser-react';
import { theme } from '../app/theme.ts';
import { ME_KEY } from '../features/auth/use-me.ts';

/** A signed-in operator in UTC, as the `me` query would answer. */
const OPERATOR_CODES = ['event.view', 'event.add', 'event.change', 'event.delete', 'event.change_limited'];
export const TEST_ME: Me = {
  id: 1,
  username: 'alice',
  display_name: 'Alice',
  is_superuser: false,
  permissions: OPERATOR_CODES,
  timezone: 'UTC',
  theme: 'light',
  current_engagement: 'ACME',
  engagements: [
    { code: 'ACME', name: 'ACME', archived: false, role: 'operator', permissions: OPERATOR_CODES },
  ],
};

/**
 * Renders a component in the real browser with the app's providers (Mantine theme, a query cache
 * that already knows the signed-in user, a router), as the app would.
 */
export function renderInApp(ui: ReactNode, { me = TEST_ME, path = '/' }: { me?: Me; path?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  queryClient.setQueryData(ME_KEY, me);
  return render(
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme}>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}
