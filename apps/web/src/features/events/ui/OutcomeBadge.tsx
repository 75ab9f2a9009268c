import { Badge } from '@mantine/core';
import classes from '../grid/events.module.css';
import type { Choice } from './choices.ts';

const wrap = { root: classes.wrapBadge, label: classes.wrapBadgeLabel };

/** A Detected / Prevented value as a coloured badge: red = bad for the blue team, green = good. */
export function OutcomeBadge({ choice }: { choice: Choice }) {
  if (!choice.colour)
    return (
      <Badge
        variant="outline"
        color="gray"
        radius="sm"
        size="sm"
        tt="none"
        classNames={wrap}
        title={choice.code}
      >
        {choice.label}
      </Badge>
    );
  return (
    <Badge
      variant={choice.colour === 'gray' ? 'light' : 'filled'}
      color={choice.colour === 'yellow' ? 'yellow.6' : choice.colour}
      c={choice.colour === 'yellow' ? 'dark.8' : undefined}
      radius="sm"
      size="sm"
      tt="none"
      classNames={wrap}
      title={choice.code}
    >
      {choice.label}
    </Badge>
  );
}
