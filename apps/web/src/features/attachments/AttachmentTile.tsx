import { ActionIcon, Group, Switch, Text, Tooltip } from '@mantine/core';
import { IconFile, IconPlayerPlay } from '@tabler/icons-react';
import { IconDownload, IconTrash } from '../events/ui/event-icons.tsx';
import { attachmentKind, formatSize } from './attachment-kinds.ts';
import classes from './attachments.module.css';
import { type AttachmentDto, attachmentUrl } from './attachments-api.ts';

interface TileControls {
  /** Sharing: the uploader or a lead (never the blue team). */
  share: boolean;
  /** Deleting: the red team. */
  remove: boolean;
  /** Whether the blue team column is shown at all (red team readers). */
  showSharing: boolean;
  onShare: (shared: boolean) => void;
  onDelete: () => void;
  sharing: boolean;
}

/** One attachment of the gallery: its preview (opens the full view), name, size, download, sharing. */
export function AttachmentTile({
  attachment: a,
  onOpen,
  controls,
}: {
  attachment: AttachmentDto;
  onOpen: () => void;
  controls: TileControls;
}) {
  const kind = attachmentKind(a.content_type);
  return (
    <div className={classes.tile} data-testid="attachment-tile" data-attachment-id={a.id}>
      {kind === 'file' ? (
        <a
          className={classes.preview}
          href={attachmentUrl(a.id)}
          download={a.filename}
          aria-label={`Download ${a.filename}`}
        >
          <IconFile size={36} stroke={1.2} />
        </a>
      ) : (
        <button type="button" className={classes.preview} onClick={onOpen} aria-label={`Open ${a.filename}`}>
          {kind === 'image' ? (
            <img src={attachmentUrl(a.id)} alt={a.filename} loading="lazy" decoding="async" />
          ) : (
            <Group gap={4}>
              <IconPlayerPlay size={28} stroke={1.4} />
              <Text size="xs">Terminal recording</Text>
            </Group>
          )}
        </button>
      )}
      <Text className={classes.name} title={`SHA-256 ${a.sha256}`}>
        {a.filename}
      </Text>
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {formatSize(a.size)}
          {a.created_by ? ` · ${a.created_by}` : ''}
        </Text>
        <Group gap={2} wrap="nowrap">
          <Tooltip label="Download the original">
            <ActionIcon
              component="a"
              href={attachmentUrl(a.id)}
              download={a.filename}
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={`Download ${a.filename}`}
            >
              <IconDownload size={14} />
            </ActionIcon>
          </Tooltip>
          {controls.remove && (
            <Tooltip label="Delete">
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={`Delete ${a.filename}`}
                onClick={controls.onDelete}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      {controls.showSharing &&
        (controls.share ? (
          <Switch
            size="xs"
            label="Share with blue team"
            checked={a.shared}
            disabled={controls.sharing}
            onChange={(e) => controls.onShare(e.currentTarget.checked)}
          />
        ) : (
          <Text size="xs" c="dimmed">
            {a.shared ? 'Shared with the blue team' : 'Red team only'}
          </Text>
        ))}
    </div>
  );
}
