import { useCallback, useState } from 'react';

export type Density = 'comfortable' | 'compact';

const KEY = 'ss.events.density';

function read(): Density {
  try {
    return localStorage.getItem(KEY) === 'compact' ? 'compact' : 'comfortable';
  } catch {
    return 'comfortable';
  }
}

/**
 * The event grid's density, remembered in this browser (a display choice, nothing secret: the
 * browser's storage is the right place, and it applies before the first request).
 */
export function useDensity(): [Density, (next: Density) => void] {
  const [density, setDensity] = useState<Density>(read);
  const set = useCallback((next: Density) => {
    setDensity(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Storage full or blocked: the choice still holds for this page.
    }
  }, []);
  return [density, set];
}
