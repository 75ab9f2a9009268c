import { useEffect } from 'react';
import { useMeQuery } from '../features/auth/use-me.ts';

const APP = 'Stepping Stones';

/** The browser tab names the page and the engagement in use, so many open tabs stay tellable apart. */
export function pageTitle(page: string, engagement: string | null | undefined): string {
  return [page, engagement, APP].filter(Boolean).join(' · ');
}

/** Sets `document.title` while the page is shown (see pageTitle). */
export function usePageTitle(page: string | null): void {
  const { data } = useMeQuery();
  const engagement = data?.current_engagement ?? null;
  useEffect(() => {
    if (!page) return;
    document.title = pageTitle(page, engagement);
  }, [page, engagement]);
}
