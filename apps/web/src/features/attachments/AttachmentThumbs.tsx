import { Badge, Tooltip } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { IconFile, IconTerminal2 } from '@tabler/icons-react';
import { Link } from 'react-router';
import { attachmentKind } from './attachment-kinds.ts';
import classes from './attachments.module.css';
import { attachmentUrl } from './attachments-api.ts';

/**
 * A grid row's attachments (the row carries the first three and the count): small fixed-size thumbnails (images load lazily, so scrolling a long log
 * fetches only what is shown, and nothing moves when they arrive), a badge counting the rest. Each
 * opens the event page's full view.
 */
export function AttachmentThumbs({ event }: { event: EventDto }) {
  const { attachments, attachment_count: count } = event;
  if (count === 0 || attachments.length === 0) return null;
  const more = count - attachments.length;
  return (
    <div className={classes.thumbs} data-testid="row-attachments">
      {attachments.map((a) => {
        const kind = attachmentKind(a.content_type);
        return (
          <Tooltip key={a.id} label={a.filename}>
            <Link
              to={`/events/${event.id}?attachment=${a.id}`}
              className={classes.thumb}
              aria-label={`Attachment ${a.filename}`}
            >
              {kind === 'image' ? (
                <img
                  src={attachmentUrl(a.id)}
                  alt=""
                  loading="lazy"
                  decoding="async"
                  width={48}
                  height={32}
                />
              ) : kind === 'cast' ? (
                <IconTerminal2 size={16} />
              ) : (
                <IconFile size={16} />
              )}
            </Link>
          </Tooltip>
        );
      })}
      {more > 0 && (
        <Badge variant="light" color="gray" size="sm" radius="sm" aria-label={`${count} attachments in all`}>
          +{more}
        </Badge>
      )}
    </div>
  );
}
