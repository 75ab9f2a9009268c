import { Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMe } from '../auth/use-me.ts';
import { useLiveChanges } from '../live/use-live-changes.ts';
import { AttachmentDropZone } from './AttachmentDropZone.tsx';
import { AttachmentGallery } from './AttachmentGallery.tsx';
import { canAttach } from './attachment-permissions.ts';
import { eventAttachmentsKey } from './attachments-api.ts';
import { UploadList } from './UploadList.tsx';
import { useAttachmentUploads } from './use-attachment-uploads.ts';

/**
 * The event page's attachments: the gallery (a grid thumbnail's link opens its full view, `?attachment=`)
 * and, for the red team, a drop zone that uploads at once.
 */
export function EventAttachments({ eventId, engagement }: { eventId: number; engagement: string }) {
  const me = useMe();
  const [params] = useSearchParams();
  const openId = Number(params.get('attachment')) || null;
  const uploads = useAttachmentUploads(eventId);
  const writer = canAttach(me, engagement);
  // A teammate's upload, share or delete changes the event: its list is fetched again.
  const client = useQueryClient();
  useLiveChanges(engagement, (change) => {
    if (change === null || change.ids.includes(eventId))
      void client.invalidateQueries({ queryKey: eventAttachmentsKey(eventId) });
  });
  return (
    <Stack gap="xs" aria-label="Attachments" component="section">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        Attachments
      </Text>
      <AttachmentGallery eventId={eventId} engagement={engagement} openId={openId} />
      {writer && (
        <>
          <AttachmentDropZone
            onFiles={uploads.add}
            hint="Uploaded at once, visible to the red team until shared."
          />
          <UploadList items={uploads.items} onRemove={uploads.remove} />
        </>
      )}
    </Stack>
  );
}
