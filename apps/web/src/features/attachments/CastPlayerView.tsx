import 'asciinema-player/dist/bundle/asciinema-player.css';
import { Text } from '@mantine/core';
import { create } from 'asciinema-player';
import { useEffect, useRef, useState } from 'react';
import classes from './attachments.module.css';

/**
 * asciinema's own player, mounted into a div React leaves alone. Its stylesheet is imported above, so
 * it ships in this chunk's CSS file (the CSP allows only the app's own stylesheets). The recording is
 * fetched with the session cookie, from the same URL as its download.
 */
export default function CastPlayerView({ url, title }: { url: string; title: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const player = create({ url, fetchOpts: { credentials: 'same-origin' } }, el, {
      autoPlay: true,
      preload: true,
      fit: 'width',
      idleTimeLimit: 2,
      logger: {
        log: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => setFailed('This recording could not be played: it is not a valid asciicast file.'),
      },
    });
    return () => player.dispose();
  }, [url]);
  return (
    <section className={classes.cast} data-testid="cast-player" aria-label={`Terminal recording ${title}`}>
      <div ref={host} />
      {failed && (
        <Text size="sm" c="red" role="alert">
          {failed}
        </Text>
      )}
    </section>
  );
}
