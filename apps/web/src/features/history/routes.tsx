import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const TrashPage = lazyPage(() => import('./TrashPage.tsx').then((m) => m.TrashPage));
const EventHistoryPage = lazyPage(() => import('./EventHistoryPage.tsx').then((m) => m.EventHistoryPage));

/**
 * `/events/trash` and `/events/{id}/history`: static segments, so they win over the events page's
 * `:id/:mode` children. The trash is for whoever may delete events: an operator sees what they deleted
 * themselves, the engagement's lead everything (the API decides).
 */
export const historyRoutes: RouteObject[] = [
  {
    path: 'events/trash',
    element: (
      <RequirePermission anyOf={['event.delete']}>
        <TrashPage />
      </RequirePermission>
    ),
  },
  {
    path: 'events/:id/history',
    element: (
      <RequirePermission anyOf={['event.view']}>
        <EventHistoryPage />
      </RequirePermission>
    ),
  },
];
