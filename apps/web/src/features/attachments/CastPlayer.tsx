import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';

// The player (and its stylesheet) is a chunk of its own, fetched the first time a recording is shown.
const Player = lazy(() => import('./CastPlayerView.tsx'));

/** An asciinema recording (`.cast`), played in the page. */
export function CastPlayer({ url, title }: { url: string; title: string }) {
  return (
    <Suspense fallback={<Loader size="sm" aria-label="Loading the player" />}>
      <Player url={url} title={title} />
    </Suspense>
  );
}
