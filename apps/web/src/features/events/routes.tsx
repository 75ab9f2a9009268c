import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const FilesPage = lazyPage(() => import('../files/FilesPage.tsx').then((m) => m.FilesPage));
const EventFormDrawer = lazyPage(() => import('./EventFormDrawer.tsx').then((m) => m.EventFormDrawer));
const EventsPage = lazyPage(() => import('./EventsPage.tsx').then((m) => m.EventsPage));
const EventPage = lazyPage(() => import('./page/EventPage.tsx').then((m) => m.EventPage));

/** The event log and the Files / IOC page; the form drawer opens over the grid as a child route. */
export const eventRoutes: RouteObject[] = [
  {
    path: 'events',
    element: (
      <RequirePermission anyOf={['event.view']}>
        <EventsPage />
      </RequirePermission>
    ),
    children: [
      { path: 'new', element: <EventFormDrawer /> },
      { path: ':id/:mode', element: <EventFormDrawer /> },
    ],
  },
  {
    // The read-only page of one event (a permalink); `/events/{id}/{mode}` opens the form over the grid.
    path: 'events/:id',
    element: (
      <RequirePermission anyOf={['event.view']}>
        <EventPage />
      </RequirePermission>
    ),
  },
  {
    path: 'files',
    element: (
      <RequirePermission anyOf={['file.view']}>
        <FilesPage />
      </RequirePermission>
    ),
  },
];
