import { ActionIcon, Button, Group, Modal, Text, Tooltip } from '@mantine/core';
import {
  IconChevronLeft,
  IconChevronRight,
  IconZoomIn,
  IconZoomOut,
  IconZoomReset,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { IconDownload } from '../events/ui/event-icons.tsx';
import { attachmentKind, formatSize } from './attachment-kinds.ts';
import classes from './attachments.module.css';
import { type AttachmentDto, attachmentUrl } from './attachments-api.ts';
import { CastPlayer } from './CastPlayer.tsx';

const ZOOMS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];

/**
 * The full view of an event's attachments: an image fitted to the screen or zoomed (+, -, 0), a
 * recording playing, the arrows moving to the previous and next one, Esc closing.
 */
export function AttachmentViewer({
  items,
  index,
  onIndex,
  onClose,
}: {
  items: AttachmentDto[];
  index: number | null;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const current = index === null ? undefined : items[index];
  // null: fitted to the screen; a number: that many screen pixels per image pixel.
  const [zoom, setZoom] = useState<number | null>(null);
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  // Another attachment starts fitted again (reset while rendering, React's pattern for derived state).
  const [shownId, setShownId] = useState(current?.id);
  if (shownId !== current?.id) {
    setShownId(current?.id);
    setZoom(null);
    setNatural(null);
  }
  const move = (step: number) => {
    if (index === null || items.length < 2) return;
    onIndex((index + step + items.length) % items.length);
  };
  const zoomBy = (step: number) =>
    setZoom((z) => {
      const at = ZOOMS.indexOf(z ?? 1);
      return ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, (at < 0 ? 3 : at) + step))] ?? 1;
    });
  const kind = current ? attachmentKind(current.content_type) : 'file';
  // The keys act only while the full view is open (Esc is the dialog's own).
  const open = current !== undefined;
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keys.current = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // The player's own keys (arrows seek) win while it has the focus.
    if (e.target instanceof Element && e.target.closest('.ap-wrapper')) return;
    if (e.key === 'ArrowRight') move(1);
    else if (e.key === 'ArrowLeft') move(-1);
    else if (kind === 'image' && (e.key === '+' || e.key === '=')) zoomBy(1);
    else if (kind === 'image' && e.key === '-') zoomBy(-1);
    else if (kind === 'image' && e.key === '0') setZoom(null);
    else return;
    e.preventDefault();
  };
  useEffect(() => {
    if (!open) return;
    const listener = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [open]);
  return (
    <Modal
      opened={open}
      onClose={onClose}
      fullScreen
      title={
        current && (
          <Text fw={600} size="sm" truncate="end">
            {current.filename}{' '}
            <Text span size="xs" c="dimmed">
              {formatSize(current.size)} · {(index ?? 0) + 1} of {items.length}
            </Text>
          </Text>
        )
      }
      closeButtonProps={{ 'aria-label': 'Close the full view' }}
    >
      {current && (
        <div>
          <Group justify="space-between" mb="xs">
            <Group gap={4}>
              <Tooltip label="Previous (←)">
                <ActionIcon
                  variant="default"
                  aria-label="Previous attachment"
                  onClick={() => move(-1)}
                  disabled={items.length < 2}
                >
                  <IconChevronLeft size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Next (→)">
                <ActionIcon
                  variant="default"
                  aria-label="Next attachment"
                  onClick={() => move(1)}
                  disabled={items.length < 2}
                >
                  <IconChevronRight size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
            {kind === 'image' && (
              <Group gap={4}>
                <ActionIcon variant="default" aria-label="Zoom out" onClick={() => zoomBy(-1)}>
                  <IconZoomOut size={16} />
                </ActionIcon>
                <Button
                  variant="default"
                  size="compact-sm"
                  onClick={() => setZoom(null)}
                  aria-label="Fit to screen"
                >
                  {zoom === null ? 'Fit' : `${Math.round(zoom * 100)} %`}
                </Button>
                <ActionIcon variant="default" aria-label="Zoom in" onClick={() => zoomBy(1)}>
                  <IconZoomIn size={16} />
                </ActionIcon>
                <ActionIcon variant="default" aria-label="Actual size" onClick={() => setZoom(1)}>
                  <IconZoomReset size={16} />
                </ActionIcon>
              </Group>
            )}
            <Button
              component="a"
              href={attachmentUrl(current.id)}
              download={current.filename}
              variant="light"
              size="compact-sm"
              leftSection={<IconDownload size={14} />}
            >
              Download original
            </Button>
          </Group>
          <div className={classes.viewerBody}>
            {kind === 'image' && (
              <img
                src={attachmentUrl(current.id)}
                alt={current.filename}
                className={zoom === null ? classes.fit : classes.zoomed}
                onLoad={(e) =>
                  setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })
                }
                // A zoomed image is laid out at its zoomed size (set through the DOM, which the CSP allows).
                style={
                  zoom !== null && natural ? { width: natural.w * zoom, height: natural.h * zoom } : undefined
                }
                data-zoom={zoom ?? 'fit'}
              />
            )}
            {kind === 'cast' && <CastPlayer url={attachmentUrl(current.id)} title={current.filename} />}
            {kind === 'file' && (
              <Text size="sm" c="dimmed">
                This file is not shown in the page: download it to open it.
              </Text>
            )}
          </div>
        </div>
      )}
    </Modal>
  );
}
