import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { WebhooksPage } from './WebhooksPage.tsx';

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
