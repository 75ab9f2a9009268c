import { Loader, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-error.ts';
import { type FileHashes, hashFile } from '../files/hash-file.ts';
import { IconUpload } from '../ui/event-icons.tsx';
import classes from './form.module.css';

/** Why a drop cannot be hashed (text, a link, a folder), or null for a file. */
function unusableDrop(data: DataTransfer): string | null {
  if (data.files.length === 0) return 'Nothing to hash: drop a file from your computer (not text or a link).';
  const item = Array.from(data.items ?? []).find((i) => i.kind === 'file');
  const entry = item?.webkitGetAsEntry?.();
  if (entry?.isDirectory) return 'A folder cannot be hashed: drop one file.';
  return null;
}

/** Drop a file (or pick one): it is hashed here in the browser and never leaves the machine. */
export function FileDropZone({ onHashed, index }: { onHashed: (h: FileHashes) => void; index: number }) {
  const [active, setActive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const take = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onHashed(await hashFile(file));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <label
        className={`${classes.dropZone} ${active ? classes.dropZoneActive : ''}`}
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
          // Moving onto the text inside the zone is not leaving it.
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setActive(false);
        }}
        onDrop={(e) => {
          // Without this the browser would open the dropped file in place of the app.
          e.preventDefault();
          setActive(false);
          const problem = unusableDrop(e.dataTransfer);
          if (problem) setError(problem);
          else void take(e.dataTransfer.files[0]);
        }}
      >
        <input
          type="file"
          className={classes.hiddenInput}
          aria-label={`File ${index + 1}: choose a file to hash`}
          onChange={(e) => {
            void take(e.currentTarget.files?.[0]);
            // Choosing the same file again must hash it again.
            e.currentTarget.value = '';
          }}
        />
        {busy ? <Loader size="xs" /> : <IconUpload size={16} />}
        <span>
          {busy
            ? 'Hashing…'
            : 'Drop a file here or click to choose: name, size, MD5, SHA-1 and SHA-256 are filled in.'}{' '}
          <Text span size="xs" c="dimmed">
            (Hashed in your browser; the file is never uploaded.)
          </Text>
        </span>
      </label>
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </>
  );
}
