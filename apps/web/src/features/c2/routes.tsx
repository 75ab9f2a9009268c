import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const C2Page = lazyPage(() => import('./C2Page.tsx').then((m) => m.C2Page));
const C2DownloadsPage = lazyPage(() => import('./C2DownloadsPage.tsx').then((m) => m.C2DownloadsPage));
const C2UploadsPage = lazyPage(() => import('./C2UploadsPage.tsx').then((m) => m.C2UploadsPage));
const C2TimelinePage = lazyPage(() => import('./C2TimelinePage.tsx').then((m) => m.C2TimelinePage));
const C2ServersPage = lazyPage(() => import('./C2ServersPage.tsx').then((m) => m.C2ServersPage));

const guarded = (element: React.ReactNode) => (
  <RequirePermission anyOf={['c2.view']}>{element}</RequirePermission>
);

/** The C2 pages: sessions and actions, downloads, uploads, the session timeline, servers. */
export const c2Routes: RouteObject[] = [
  { path: 'c2', element: guarded(<C2Page />) },
  { path: 'c2/downloads', element: guarded(<C2DownloadsPage />) },
  { path: 'c2/uploads', element: guarded(<C2UploadsPage />) },
  { path: 'c2/timeline', element: guarded(<C2TimelinePage />) },
  { path: 'c2/servers', element: guarded(<C2ServersPage />) },
];
