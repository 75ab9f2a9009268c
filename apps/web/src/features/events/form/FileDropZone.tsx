import { Loader, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-error.ts';
import { type FileHashes, hashFile } from '../files/hash-file.ts';
import { IconUpload } from '../ui/event-icons.tsx';
import classes from './form.module.css';

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
        onDragOver={(e) => {
          e.preventDefault();
          setActive(true);
        }}
        onDragLeave={() => setActive(false)}
        onDrop={(e) => {
          e.preventDefault();
          setActive(false);
          void take(e.dataTransfer.files[0]);
        }}
      >
        <input
          type="file"
          className={classes.hiddenInput}
          aria-label={`File ${index + 1}: choose a file to hash`}
          onChange={(e) => void take(e.currentTarget.files?.[0])}
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
