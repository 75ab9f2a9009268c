import { Badge } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { IconMessageCircle } from '@tabler/icons-react';
import { Link } from 'react-router';

/** The grid row's comment count (what the reader may see), a link to the event's thread. */
export function CommentCountBadge({ event }: { event: EventDto }) {
  if (!event.comment_count) return null;
  const label = `${event.comment_count} comment${event.comment_count === 1 ? '' : 's'}`;
  return (
    <Badge
      component={Link}
      to={`/events/${event.id}`}
      variant="light"
      color="gray"
      size="sm"
      radius="sm"
      tt="none"
      leftSection={<IconMessageCircle size={12} />}
      aria-label={label}
      title={label}
      data-testid="comment-count"
      style={{ cursor: 'pointer' }}
    >
      {event.comment_count}
    </Badge>
  );
}
