import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const WebhooksPage = lazyPage(() => import('./WebhooksPage.tsx').then((m) => m.WebhooksPage));

/** Admin → Webhooks. */
export const webhookRoutes: RouteObject[] = [
  {
    path: 'admin/webhooks',
    element: (
      <RequirePermission anyOf={['webhook.admin']}>
        <WebhooksPage />
      </RequirePermission>
    ),
  },
];
