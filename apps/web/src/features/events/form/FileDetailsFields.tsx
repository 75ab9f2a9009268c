import { SimpleGrid, TextInput } from '@mantine/core';
import { FileDropZone } from './FileDropZone.tsx';
import classes from './form.module.css';
import type { FileRow } from './form-values.ts';

/** A new file's details, or a shared file being edited: dropped for hashing, or typed. */
export function FileDetailsFields({
  row,
  index,
  set,
  err,
  rowError,
}: {
  row: FileRow;
  index: number;
  set: (patch: Partial<FileRow>) => void;
  /** The error of one field of this row (`md5`, `filename`…). */
  err: (field: string) => string | undefined;
  /** An error about the row as a whole. */
  rowError: string | undefined;
}) {
  return (
    <>
      <FileDropZone
        index={index}
        onHashed={(h) =>
          set({
            filename: h.filename,
            size: String(h.size),
            md5: h.md5,
            sha1: h.sha1,
            sha256: h.sha256,
          })
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <TextInput
          label="File name"
          value={row.filename}
          onChange={(e) => set({ filename: e.currentTarget.value })}
          error={err('filename') ?? rowError}
          maxLength={256}
        />
        <TextInput
          label="Size (bytes)"
          value={row.size}
          inputMode="numeric"
          onChange={(e) => set({ size: e.currentTarget.value.replace(/\D/g, '') })}
          error={err('size')}
        />
        <TextInput
          label="File description"
          value={row.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
          error={err('description')}
          maxLength={1000}
        />
      </SimpleGrid>
      <TextInput
        label="MD5"
        className={classes.mono}
        value={row.md5}
        onChange={(e) => set({ md5: e.currentTarget.value.trim() })}
        error={err('md5')}
        maxLength={32}
        spellCheck={false}
      />
      <TextInput
        label="SHA-1"
        className={classes.mono}
        value={row.sha1}
        onChange={(e) => set({ sha1: e.currentTarget.value.trim() })}
        error={err('sha1')}
        maxLength={40}
        spellCheck={false}
      />
      <TextInput
        label="SHA-256"
        className={classes.mono}
        value={row.sha256}
        onChange={(e) => set({ sha256: e.currentTarget.value.trim() })}
        error={err('sha256')}
        maxLength={64}
        spellCheck={false}
      />
    </>
  );
}
