import { type ComponentType, lazy, Suspense } from 'react';
import { LoadingState } from './QueryState.tsx';

/**
 * A page loaded on first visit, so the app shell does not download every area (the charts, the event
 * grid, the admin pages) before showing anything. Use in route files:
 * `const JobsPage = lazyPage(() => import('./JobsPage.tsx').then((m) => m.JobsPage));`
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Page = lazy(async () => ({ default: await load() }));
  return function LazyPage(props: P) {
    return (
      <Suspense fallback={<LoadingState />}>
        <Page {...props} />
      </Suspense>
    );
  };
}
