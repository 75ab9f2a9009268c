import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';

const MembersPage = lazyPage(() => import('./MembersPage.tsx').then((m) => m.MembersPage));

/** The current engagement's Members page (its leads; the page itself says so to anyone else). */
export const engagementRoutes: RouteObject[] = [{ path: 'members', element: <MembersPage /> }];
