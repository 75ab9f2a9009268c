import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { FilesPage } from '../files/FilesPage.tsx';
import { EventFormDrawer } from './EventFormDrawer.tsx';
import { EventsPage } from './EventsPage.tsx';

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
    path: 'files',
    element: (
      <RequirePermission anyOf={['file.view']}>
        <FilesPage />
      </RequirePermission>
    ),
  },
];
