import { createBrowserRouter } from 'react-router';
import { NotFoundPage, RouteErrorPage } from '../components/ErrorPages.tsx';
import { AppLayout } from '../components/layout/AppLayout.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { SetupGate } from '../features/setup/SetupGate.tsx';
import { SetupWizardPage } from '../features/setup/SetupWizardPage.tsx';
import { appRoutes } from './routes.tsx';

export const router = createBrowserRouter([
  {
    element: <SetupGate />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/setup', element: <SetupWizardPage /> },
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [
          {
            path: '/',
            element: <AppLayout />,
            errorElement: <RouteErrorPage />,
            children: [...appRoutes, { path: '*', element: <NotFoundPage /> }],
          },
        ],
      },
    ],
  },
]);
