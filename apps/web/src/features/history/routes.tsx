import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { TrashPage } from './TrashPage.tsx';

/** `/events/trash`: a static path, so it wins over the events page's `:id/:mode` children. */
export const historyRoutes: RouteObject[] = [
  {
    path: 'events/trash',
    element: (
      <RequirePermission anyOf={['event.delete']}>
        <TrashPage />
      </RequirePermission>
    ),
  },
];
