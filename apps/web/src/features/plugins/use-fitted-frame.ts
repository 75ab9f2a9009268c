import { useCallback, useEffect, useRef } from 'react';

/**
 * Grows an iframe to its document's height, so a report reads in one scroll with the page. The report
 * is served same-origin but sandboxed without scripts, so its document can be measured here while it
 * can run nothing itself. Re-measures when the document reflows (a narrower window wraps more lines).
 */
export function useFittedFrame() {
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  return useCallback((event: { currentTarget: HTMLIFrameElement }) => {
    const frame = event.currentTarget;
    const root = frame.contentDocument?.documentElement;
    if (!root) return; // not readable: the frame keeps its CSS height
    const fit = () => {
      frame.style.height = `${root.scrollHeight + 2}px`;
    };
    fit();
    observer.current?.disconnect();
    observer.current = new ResizeObserver(fit);
    observer.current.observe(root);
  }, []);
}
