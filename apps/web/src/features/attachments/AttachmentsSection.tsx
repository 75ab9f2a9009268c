import { Stack } from '@mantine/core';
import { AttachmentDropZone } from './AttachmentDropZone.tsx';
import { AttachmentGallery } from './AttachmentGallery.tsx';
import { UploadList } from './UploadList.tsx';
import type { useAttachmentUploads } from './use-attachment-uploads.ts';

/**
 * The form's attachments: what the saved event already has, the drop zone, and the files on their way.
 */
export function AttachmentsSection({
  eventId,
  engagement,
  uploads,
}: {
  /** The saved event being edited; null for a new one (files wait for the save). */
  eventId: number | null;
  engagement: string;
  uploads: ReturnType<typeof useAttachmentUploads>;
}) {
  return (
    <Stack gap="xs">
      {eventId !== null && <AttachmentGallery eventId={eventId} engagement={engagement} emptyText="" />}
      <AttachmentDropZone
        onFiles={uploads.add}
        hint={
          eventId === null
            ? 'Screenshots, files and terminal recordings (.cast) are uploaded when the event is saved.'
            : 'Screenshots, files and terminal recordings (.cast) are uploaded at once.'
        }
      />
      <UploadList items={uploads.items} onRemove={uploads.remove} />
    </Stack>
  );
}
