import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazy-page.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

const JobsPage = lazyPage(() => import('./JobsPage.tsx').then((m) => m.JobsPage));

/** Admin → Jobs. */
export const jobRoutes: RouteObject[] = [
  {
    path: 'admin/jobs',
    element: (
      <RequirePermission anyOf={['job.admin']}>
        <JobsPage />
      </RequirePermission>
    ),
  },
];
