import { useEffect, useRef } from 'react';
import { type GridShortcut, isTypingTarget, shortcutFor } from './shortcuts.ts';

/**
 * Listens for the event log's shortcuts while the grid is the page in front: not while typing in a
 * field, and not while a dialog or drawer (the form, a menu's modal) is open over it.
 */
export function useGridShortcuts(active: boolean, handle: (action: GridShortcut) => void): void {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target)) return;
      if (document.querySelector('[role="dialog"], [role="menu"]')) return;
      const action = shortcutFor(e);
      if (!action) return;
      // Enter on a focused button or link does what that control does.
      if (action === 'open' && e.target instanceof HTMLElement && e.target.closest('button, a')) return;
      e.preventDefault();
      latest.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active]);
}
