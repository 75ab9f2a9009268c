import type { PermissionCode } from '@steppingstones/shared';
import type { RouteObject } from 'react-router';
import { lazyPage } from '../components/lazy-page.tsx';
import { RequirePermission } from '../components/RequirePermission.tsx';
import { c2Routes } from '../features/c2/routes.tsx';
import { credentialRoutes } from '../features/credentials/routes.tsx';
import { engagementRoutes } from '../features/engagements/routes.tsx';
import { eventRoutes } from '../features/events/routes.tsx';
import { eventstreamRoutes } from '../features/eventstream/routes.tsx';
import { historyRoutes } from '../features/history/routes.tsx';
import { jobRoutes } from '../features/jobs/routes.tsx';
import { pluginRoutes } from '../features/plugins/routes.tsx';
import { webhookRoutes } from '../features/webhooks/routes.tsx';

const AuditPage = lazyPage(() => import('../features/admin/audit/AuditPage.tsx').then((m) => m.AuditPage));
const BackupPage = lazyPage(() =>
  import('../features/admin/backup/BackupPage.tsx').then((m) => m.BackupPage),
);
const GroupsPage = lazyPage(() =>
  import('../features/admin/groups/GroupsPage.tsx').then((m) => m.GroupsPage),
);
const TokensPage = lazyPage(() =>
  import('../features/admin/tokens/TokensPage.tsx').then((m) => m.TokensPage),
);
const UsersPage = lazyPage(() => import('../features/admin/users/UsersPage.tsx').then((m) => m.UsersPage));
const ChangePasswordPage = lazyPage(() =>
  import('../features/auth/ChangePasswordPage.tsx').then((m) => m.ChangePasswordPage),
);
const EngagementDetailPage = lazyPage(() =>
  import('../features/engagements/EngagementDetailPage.tsx').then((m) => m.EngagementDetailPage),
);
const EngagementsPage = lazyPage(() =>
  import('../features/engagements/EngagementsPage.tsx').then((m) => m.EngagementsPage),
);
const HomePage = lazyPage(() => import('../features/home/HomePage.tsx').then((m) => m.HomePage));
const PreferencesPage = lazyPage(() =>
  import('../features/preferences/PreferencesPage.tsx').then((m) => m.PreferencesPage),
);

const ENGAGEMENT_ADMIN: PermissionCode[] = ['engagement.add', 'engagement.change', 'engagement.delete'];

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
  ...eventstreamRoutes,
  ...c2Routes,
  ...credentialRoutes,
  ...engagementRoutes,
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
