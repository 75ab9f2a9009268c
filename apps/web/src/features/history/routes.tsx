import { TRASH_PERMISSIONS } from '@steppingstones/shared/history';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { TrashPage } from './TrashPage.tsx';

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
