import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { PluginsAdminPage } from './PluginsAdminPage.tsx';
import { ReportsPage } from './ReportsPage.tsx';
import { ReportViewerPage } from './ReportViewerPage.tsx';

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
