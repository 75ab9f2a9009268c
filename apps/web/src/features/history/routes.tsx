import { TRASH_PERMISSIONS } from '@steppingstones/shared/history';
import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const TrashPage = lazyPage(() => import('./TrashPage.tsx').then((m) => m.TrashPage));

/**
 * `/events/trash`: a static path, so it wins over the events page's `:id/:mode` children. For engagement
 * administrators (every code in TRASH_PERMISSIONS), as the API requires.
 */
export const historyRoutes: RouteObject[] = [
  {
    path: 'events/trash',
    element: (
      <RequirePermission allOf={TRASH_PERMISSIONS}>
        <TrashPage />
      </RequirePermission>
    ),
  },
];
