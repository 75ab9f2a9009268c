import { Box } from '@mantine/core';
import type { C2SessionDto } from '@steppingstones/shared/c2';
import { useTimezone } from '../auth/use-me.ts';
import { presenceSlices, presenceText } from './presence-format.ts';

/**
 * When a session was present, as a small bar over its lifetime (first to last seen); the bar reads
 * out as "present 10:02–10:47, 11:30–12:05" for screen readers and on hover.
 */
export function PresenceBar({ session }: { session: C2SessionDto }) {
  const zone = useTimezone();
  const from = Date.parse(session.first_seen);
  const to = Date.parse(session.last_seen);
  const text = presenceText(session.presences, zone);
  return (
    <Box
      role="img"
      aria-label={text}
      title={text}
      pos="relative"
      w={120}
      h={10}
      bg="var(--mantine-color-gray-light)"
      style={{ borderRadius: 2, overflow: 'hidden' }}
    >
      {presenceSlices(session.presences, from, to).map((s) => (
        <Box
          key={`${s.left}:${s.width}`}
          pos="absolute"
          top={0}
          h="100%"
          bg="var(--mantine-color-green-filled)"
          style={{ left: `${s.left}%`, width: `${s.width}%`, minWidth: 2 }}
        />
      ))}
    </Box>
  );
}
