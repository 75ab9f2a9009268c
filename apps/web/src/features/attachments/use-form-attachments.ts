import { notifications } from '@mantine/notifications';
import type { EventDto } from '@steppingstones/shared/events';
import { createElement, useState } from 'react';
import { filesOf } from './clipboard-files.ts';
import { useAttachmentUploads } from './use-attachment-uploads.ts';

/** Where a paste of text goes on as usual (a copy from a spreadsheet also carries a picture of the cells). */
const typesText = (target: EventTarget | null) =>
  target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'file');

/**
 * The event form's attachments. Editing a saved event, a file uploads as soon as it is dropped or
 * pasted; a new event (or a clone) keeps its files until it is saved, then uploads them before the form
 * closes. A file the server refuses after the save is named, with the server's reason, in a message
 * that stays until dismissed: the event is saved, so the file can be added on its page.
 */
export function useFormAttachments(savedEventId: number | null, onSaved: (saved: EventDto) => void) {
  const uploads = useAttachmentUploads(savedEventId);
  const [finishing, setFinishing] = useState(false);

  const afterSave = async (saved: EventDto) => {
    if (savedEventId === null && uploads.pending) {
      setFinishing(true);
      const outcome = await uploads.uploadQueued(saved.id);
      setFinishing(false);
      if (outcome.failed.length)
        notifications.show({
          color: 'red',
          autoClose: false,
          title: `Event ${saved.id} was saved, but ${outcome.failed.length === 1 ? 'a file was' : `${outcome.failed.length} files were`} not attached`,
          message: createElement(
            'ul',
            { 'data-testid': 'unattached-files' },
            outcome.failed.map((f) =>
              createElement('li', { key: f.file.name }, `${f.file.name}: ${f.error}`),
            ),
          ),
        });
    }
    onSaved(saved);
  };

  // The attachments are further down the form: say where a paste or a drop elsewhere went.
  const added = (files: File[]) =>
    notifications.show({
      message: `${files.map((f) => f.name).join(', ')} added to the attachments${savedEventId === null ? ' (uploaded when the event is saved)' : ''}.`,
    });

  /** A paste anywhere in the form: files are attached; text goes into the field as usual. */
  const onPaste = (e: React.ClipboardEvent) => {
    const data = e.clipboardData;
    if (typesText(e.target) && data.types.includes('text/plain')) return;
    const files = filesOf(data, new Date());
    if (files.length === 0) return;
    e.preventDefault();
    uploads.add(files);
    added(files);
  };

  /**
   * Files dropped anywhere on the form are attached (without this the browser would open a file dropped
   * beside the zone in place of the app). A drop some zone already took (the IOC hashing) is left alone.
   */
  const carriesFiles = (e: React.DragEvent) => e.dataTransfer.types.includes('Files');
  const onDragOver = (e: React.DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: React.DragEvent) => {
    if (e.defaultPrevented || !carriesFiles(e)) return;
    e.preventDefault();
    const files = filesOf(e.dataTransfer, new Date());
    if (files.length === 0) return;
    uploads.add(files);
    added(files);
  };

  return { uploads, afterSave, onPaste, onDragOver, onDrop, finishing: finishing || uploads.busy };
}
