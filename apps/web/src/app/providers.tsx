import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { ME_KEY } from '../features/auth/use-me.ts';
import { setUnauthenticatedHandler } from '../lib/api-client.ts';
import { cspNonce } from './csp-nonce.ts';
import { createQueryClient } from './query-client.ts';
import { theme } from './theme.ts';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'steppingstones-color-scheme' });

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);

  // A 401 anywhere means the session ended (expired, password changed elsewhere): forget the user,
  // and the route guard sends them to the login page.
  useEffect(() => {
    setUnauthenticatedHandler(() => queryClient.setQueryData(ME_KEY, null));
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider
        theme={theme}
        defaultColorScheme="auto"
        colorSchemeManager={colorSchemeManager}
        getStyleNonce={() => cspNonce() ?? ''}
      >
        <Notifications position="top-right" />
        {children}
      </MantineProvider>
    </QueryClientProvider>
  );
}
