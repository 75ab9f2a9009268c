import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const PluginsAdminPage = lazyPage(() => import('./PluginsAdminPage.tsx').then((m) => m.PluginsAdminPage));
const ReportsPage = lazyPage(() => import('./ReportsPage.tsx').then((m) => m.ReportsPage));
const ReportViewerPage = lazyPage(() => import('./ReportViewerPage.tsx').then((m) => m.ReportViewerPage));

/** Reports (menu page and viewer) and Admin → Plugins. */
export const pluginRoutes: RouteObject[] = [
  {
    path: 'reports',
    element: (
      <RequirePermission anyOf={['event.view']}>
        <ReportsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'reports/:plugin/:key',
    element: (
      <RequirePermission anyOf={['event.view']}>
        <ReportViewerPage type="event-report" />
      </RequirePermission>
    ),
  },
  {
    path: 'credential-reports/:plugin/:key',
    element: (
      <RequirePermission anyOf={['credential.view']}>
        <ReportViewerPage type="credential-report" />
      </RequirePermission>
    ),
  },
  {
    path: 'admin/plugins',
    element: (
      <RequirePermission anyOf={['plugin.admin']}>
        <PluginsAdminPage />
      </RequirePermission>
    ),
  },
];
