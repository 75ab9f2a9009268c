import { Text } from '@mantine/core';
import { useState } from 'react';
import { IconUpload } from '../events/ui/event-icons.tsx';
import classes from './attachments.module.css';
import { filesOf, unusableDrop } from './clipboard-files.ts';

/**
 * Drop files here, click to choose them, or paste a screenshot while the zone has the focus. The files
 * go to `onFiles`, pasted images named after the moment of the paste.
 */
export function AttachmentDropZone({ onFiles, hint }: { onFiles: (files: File[]) => void; hint: string }) {
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const take = (files: File[]) => {
    setProblem(null);
    if (files.length) onFiles(files);
  };
  return (
    <>
      <label
        className={`${classes.dropZone} ${active ? classes.dropZoneActive : ''}`}
        data-testid="attachment-drop-zone"
        // Both dragenter and dragover must be cancelled for the label to be a drop target (HTML DnD model).
        onDragEnter={(e) => {
          e.preventDefault();
          setActive(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setActive(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setActive(false);
        }}
        onDrop={(e) => {
          // Without this the browser would open the dropped file in place of the app.
          e.preventDefault();
          // The form's own handlers (the IOC file hashing) must not take this drop too.
          e.stopPropagation();
          setActive(false);
          const why = unusableDrop(e.dataTransfer);
          if (why) setProblem(why);
          else take(filesOf(e.dataTransfer, new Date()));
        }}
        onPaste={(e) => {
          const files = filesOf(e.clipboardData, new Date());
          if (files.length === 0) return;
          e.preventDefault();
          e.stopPropagation();
          take(files);
        }}
      >
        <input
          type="file"
          multiple
          className={classes.hiddenInput}
          aria-label="Attach files: choose files"
          onChange={(e) => {
            take(Array.from(e.currentTarget.files ?? []));
            // Choosing the same file again must attach it again.
            e.currentTarget.value = '';
          }}
        />
        <IconUpload size={16} />
        <span>
          Drop files here, click to choose, or paste a screenshot (<kbd>Ctrl</kbd>+<kbd>V</kbd>).{' '}
          <Text span size="xs" c="dimmed">
            {hint}
          </Text>
        </span>
      </label>
      {problem && (
        <Text size="xs" c="red" role="alert">
          {problem}
        </Text>
      )}
    </>
  );
}
