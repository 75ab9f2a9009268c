const KEY = 'steppingstones-reloaded-for-chunks';

/**
 * Pages load on first visit; after a new version is installed, an open tab asks for page files that
 * no longer exist. Loading the app again fetches the new ones: once, so a missing file that stays
 * missing shows the error page instead of reloading for ever.
 */
export function reloadOnStaleChunks(): void {
  window.addEventListener('vite:preloadError', () => {
    const last = Number(sessionStorage.getItem(KEY) ?? 0);
    if (Date.now() - last < 60_000) return;
    sessionStorage.setItem(KEY, String(Date.now()));
    window.location.reload();
  });
}
