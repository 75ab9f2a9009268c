import { Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { useMe } from '../auth/use-me.ts';
import { invalidateEventLists } from '../events/grid/use-event-pages.ts';
import { AttachmentTile } from './AttachmentTile.tsx';
import { AttachmentViewer } from './AttachmentViewer.tsx';
import { attachmentKind } from './attachment-kinds.ts';
import { canAttach, canManageAttachment } from './attachment-permissions.ts';
import classes from './attachments.module.css';
import {
  type AttachmentDto,
  deleteAttachment,
  eventAttachmentsKey,
  fetchAttachments,
  setAttachmentShared,
} from './attachments-api.ts';

/**
 * An event's attachments as tiles: images as thumbnails, recordings and other files by name; the full
 * view opens on a click (or at `openId`, a grid thumbnail's link). The uploader or a lead shares a file
 * with the blue team or deletes it; the blue team sees only what was shared, and no controls.
 */
export function AttachmentGallery({
  eventId,
  engagement,
  openId = null,
  emptyText = 'No attachments.',
}: {
  eventId: number;
  engagement: string;
  openId?: number | null;
  emptyText?: string;
}) {
  const me = useMe();
  const client = useQueryClient();
  const list = useQuery({ queryKey: eventAttachmentsKey(eventId), queryFn: () => fetchAttachments(eventId) });
  const items = list.data ?? [];
  // The full view moves between what the page can show (images and recordings).
  const viewable = items.filter((a) => attachmentKind(a.content_type) !== 'file');
  const [viewing, setViewing] = useState<number | null>(null);
  const [asked, setAsked] = useState<number | null>(null);
  // A link to one attachment opens it once (a later refetch of the list must not open it again).
  const linked = useRef<number | null>(null);
  useEffect(() => {
    if (openId === null || openId === linked.current || !list.data) return;
    linked.current = openId;
    const at = list.data
      .filter((a) => attachmentKind(a.content_type) !== 'file')
      .findIndex((a) => a.id === openId);
    if (at >= 0) setViewing(at);
  }, [openId, list.data]);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: eventAttachmentsKey(eventId) });
    await invalidateEventLists(client);
  };
  const share = useMutation({
    mutationFn: ({ a, shared }: { a: AttachmentDto; shared: boolean }) => setAttachmentShared(a.id, shared),
    onSuccess: (saved) => {
      client.setQueryData<AttachmentDto[]>(eventAttachmentsKey(eventId), (old) =>
        old?.map((a) => (a.id === saved.id ? { ...a, ...saved } : a)),
      );
      notifications.show({
        color: 'green',
        message: saved.shared
          ? `${saved.filename} is shared with the blue team.`
          : `${saved.filename} is red team only again.`,
      });
      void refresh();
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Sharing not changed', message: errorMessage(e) }),
  });
  const remove = useMutation({
    mutationFn: (a: AttachmentDto) => deleteAttachment(a.id),
    onSuccess: async (_, a) => {
      setAsked(null);
      notifications.show({
        color: 'green',
        message: `${a.filename} deleted (the event's history keeps the record).`,
      });
      await refresh();
    },
  });

  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  if (list.isPending) return null;
  const showSharing = canAttach(me, engagement);
  const deleting = items.find((a) => a.id === asked);
  return (
    <Stack gap="xs" data-testid="attachment-gallery">
      {items.length === 0 ? (
        emptyText && (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        )
      ) : (
        <div className={classes.gallery}>
          {items.map((a) => (
            <AttachmentTile
              key={a.id}
              attachment={a}
              onOpen={() => setViewing(viewable.findIndex((v) => v.id === a.id))}
              controls={{
                share: canManageAttachment(me, engagement, a),
                remove: showSharing,
                showSharing,
                sharing: share.isPending && share.variables?.a.id === a.id,
                onShare: (shared) => share.mutate({ a, shared }),
                onDelete: () => {
                  remove.reset();
                  setAsked(a.id);
                },
              }}
            />
          ))}
        </div>
      )}
      <AttachmentViewer
        items={viewable}
        index={viewing}
        onIndex={setViewing}
        onClose={() => setViewing(null)}
      />
      <ConfirmModal
        opened={deleting !== undefined}
        onClose={() => setAsked(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
        title="Delete this attachment?"
        confirmLabel="Delete attachment"
        loading={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
      >
        {deleting?.filename} is removed from the event for everyone; the event&apos;s history records the
        removal.
      </ConfirmModal>
    </Stack>
  );
}
