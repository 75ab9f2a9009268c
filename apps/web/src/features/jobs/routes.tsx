import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { JobsPage } from './JobsPage.tsx';

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
