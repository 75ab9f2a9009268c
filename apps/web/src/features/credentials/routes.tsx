import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const CredentialsPage = lazyPage(() => import('./CredentialsPage.tsx').then((m) => m.CredentialsPage));
const CredentialStatsPage = lazyPage(() =>
  import('./stats/CredentialStatsPage.tsx').then((m) => m.CredentialStatsPage),
);

/** The credential vault (never for the blue team: their roles hold no credential.* code). */
export const credentialRoutes: RouteObject[] = [
  {
    path: 'credentials',
    element: (
      <RequirePermission anyOf={['credential.view']}>
        <CredentialsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'credentials/stats',
    element: (
      <RequirePermission anyOf={['credential.view']}>
        <CredentialStatsPage />
      </RequirePermission>
    ),
  },
];
