import type { RouteObject } from 'react-router';
import { RequirePermission } from '../components/RequirePermission.tsx';
import { AuditPage } from '../features/admin/audit/AuditPage.tsx';
import { BackupPage } from '../features/admin/backup/BackupPage.tsx';
import { GroupsPage } from '../features/admin/groups/GroupsPage.tsx';
import { TokensPage } from '../features/admin/tokens/TokensPage.tsx';
import { UsersPage } from '../features/admin/users/UsersPage.tsx';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { EngagementDetailPage } from '../features/engagements/EngagementDetailPage.tsx';
import { EngagementsPage } from '../features/engagements/EngagementsPage.tsx';
import { eventRoutes } from '../features/events/routes.tsx';
import { historyRoutes } from '../features/history/routes.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { jobRoutes } from '../features/jobs/routes.tsx';
import { pluginRoutes } from '../features/plugins/routes.tsx';
import { PreferencesPage } from '../features/preferences/PreferencesPage.tsx';
import { webhookRoutes } from '../features/webhooks/routes.tsx';

const ENGAGEMENT_ADMIN = ['engagement.add', 'engagement.change', 'engagement.delete'];

/**
 * The pages inside the signed-in layout. To add an area: add its routes here (guarded with
 * RequirePermission) and its sidebar entry in components/layout/nav-registry.tsx.
 */
export const appRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'preferences', element: <PreferencesPage /> },
  { path: 'password', element: <ChangePasswordPage /> },
  { path: 'tokens', element: <TokensPage /> },
  ...historyRoutes,
  ...eventRoutes,
  ...pluginRoutes,
  ...jobRoutes,
  ...webhookRoutes,
  {
    path: 'admin/users',
    element: (
      <RequirePermission anyOf={['user.admin']}>
        <UsersPage />
      </RequirePermission>
    ),
  },
  {
    path: 'admin/groups',
    element: (
      <RequirePermission anyOf={['user.admin']}>
        <GroupsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'admin/engagements',
    element: (
      <RequirePermission anyOf={ENGAGEMENT_ADMIN}>
        <EngagementsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'admin/engagements/:code',
    element: (
      <RequirePermission anyOf={ENGAGEMENT_ADMIN}>
        <EngagementDetailPage />
      </RequirePermission>
    ),
  },
  {
    path: 'admin/audit',
    element: (
      <RequirePermission anyOf={['audit.view']}>
        <AuditPage />
      </RequirePermission>
    ),
  },
  {
    path: 'admin/backup',
    element: (
      <RequirePermission anyOf={['backup.download']}>
        <BackupPage />
      </RequirePermission>
    ),
  },
];
