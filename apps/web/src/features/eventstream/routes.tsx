import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const EventStreamPage = lazyPage(() => import('./EventStreamPage.tsx').then((m) => m.EventStreamPage));
const CloneDrawer = lazyPage(() => import('./CloneDrawer.tsx').then((m) => m.CloneDrawer));

/** The EventStream page; the clone form opens over it as a child route. */
export const eventstreamRoutes: RouteObject[] = [
  {
    path: 'eventstream',
    element: (
      <RequirePermission anyOf={['eventstream.view']}>
        <EventStreamPage />
      </RequirePermission>
    ),
    children: [{ path: ':lineId/clone', element: <CloneDrawer /> }],
  },
];
