import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const C2Page = lazyPage(() => import('./C2Page.tsx').then((m) => m.C2Page));

/** The C2 page: sessions and operator actions. */
export const c2Routes: RouteObject[] = [
  {
    path: 'c2',
    element: (
      <RequirePermission anyOf={['c2.view']}>
        <C2Page />
      </RequirePermission>
    ),
  },
];
