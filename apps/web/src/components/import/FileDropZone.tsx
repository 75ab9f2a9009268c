import { Text } from '@mantine/core';
import { type ReactNode, useRef, useState } from 'react';
import classes from './file-drop-zone.module.css';

/**
 * A file to upload: dropped on the zone, or chosen with the hidden file input the zone opens. The
 * input carries `inputLabel` as its accessible name, so tests and assistive tech can set files on it.
 */
export function FileDropZone({
  onFile,
  hint,
  inputLabel,
  accept,
}: {
  onFile: (file: File) => void;
  /** What the file should be, under the call to action. */
  hint: ReactNode;
  inputLabel: string;
  accept?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  return (
    <>
      <button
        type="button"
        className={classes.dropzone}
        data-dragging={dragging || undefined}
        onClick={() => input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer.files[0];
          if (file) onFile(file);
        }}
      >
        <Text fw={600}>Drop a file here, or click to choose one</Text>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        aria-label={inputLabel}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // Choosing the same file again must upload it again.
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
