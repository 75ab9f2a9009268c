import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { IconPlus } from '../../../components/icons.tsx';
import { fetchKnownFiles, type KnownFile } from '../api/events-api.ts';
import { IconTrash } from '../ui/event-icons.tsx';
import { FileDropZone } from './FileDropZone.tsx';
import classes from './form.module.css';
import { emptyFileRow, type FileRow } from './form-values.ts';

const fileLabel = (f: { filename: string; size: number | string | null; md5?: string | null }) =>
  `${f.filename}${f.size !== null && f.size !== '' ? ` (${f.size} bytes)` : ''}${f.md5 ? ` · ${f.md5.slice(0, 8)}…` : ''}`;

function FileRowEditor({
  engagement,
  row,
  index,
  onChange,
  onRemove,
  errors,
}: {
  engagement: string;
  row: FileRow;
  index: number;
  onChange: (r: FileRow) => void;
  onRemove: () => void;
  errors: Record<string, string | undefined>;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const q = row.file_id !== null && debounced === fileLabel(row) ? '' : debounced;
  const known = useQuery({
    queryKey: ['files', 'known', engagement, q],
    queryFn: () => fetchKnownFiles(engagement, q),
    staleTime: 15_000,
  });
  const options = (known.data ?? []).map((f) => ({ value: String(f.id), label: fileLabel(f) }));
  if (row.file_id !== null && !options.some((o) => o.value === String(row.file_id)))
    options.unshift({ value: String(row.file_id), label: fileLabel(row) });
  const err = (f: string) => errors[`files.${row.key}.${f}`];
  const set = (patch: Partial<FileRow>) =>
    onChange(
      row.editShared || row.file_id === null ? { ...row, ...patch } : { ...row, ...patch, file_id: null },
    );
  const pick = (f: KnownFile) =>
    onChange({
      ...row,
      file_id: f.id,
      editShared: false,
      filename: f.filename,
      size: f.size === null ? '' : String(f.size),
      md5: f.md5 ?? '',
      sha1: f.sha1 ?? '',
      sha256: f.sha256 ?? '',
      description: f.description ?? '',
    });
  const showDetails = row.file_id === null || row.editShared;

  return (
    <Paper withBorder p="sm" radius="md" data-testid={`file-row-${index}`}>
      <Stack gap="xs">
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label={`File ${index + 1}`}
            placeholder="New file… or pick a known one"
            data={options}
            value={row.file_id === null ? null : String(row.file_id)}
            searchable
            clearable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: o }) => o}
            onChange={(id) => {
              if (!id)
                return onChange({
                  ...emptyFileRow(),
                  key: row.key,
                  location: row.location,
                  removed: row.removed,
                });
              const f = known.data?.find((x) => String(x.id) === id);
              if (f) pick(f);
            }}
            error={err('file_id')}
            flex={1}
            comboboxProps={{ withinPortal: true }}
          />
          {row.file_id !== null && (
            <Button
              variant={row.editShared ? 'light' : 'default'}
              color={row.editShared ? 'orange' : undefined}
              onClick={() => onChange({ ...row, editShared: !row.editShared })}
            >
              {row.editShared ? 'Stop editing shared' : 'Edit shared…'}
            </Button>
          )}
          <Tooltip label="Remove this file from the event">
            <ActionIcon
              variant="subtle"
              color="red"
              size={36}
              aria-label={`Remove file ${index + 1}`}
              onClick={onRemove}
            >
              <IconTrash />
            </ActionIcon>
          </Tooltip>
        </Group>
        {row.editShared && (
          <Alert color="orange" variant="light" p="xs">
            Changes below also apply to every other event that references the same file.
          </Alert>
        )}
        {showDetails ? (
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
                error={err('filename') ?? errors[`files.${row.key}`]}
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
        ) : (
          <Text size="xs" c="dimmed" ff="monospace" className={classes.mono}>
            {[
              row.md5 && `MD5 ${row.md5}`,
              row.sha1 && `SHA-1 ${row.sha1}`,
              row.sha256 && `SHA-256 ${row.sha256}`,
            ]
              .filter(Boolean)
              .join(' · ') || 'No hashes recorded'}
          </Text>
        )}
        <Group gap="sm" align="flex-end">
          <TextInput
            label="Location"
            placeholder="Path, mailbox address, etc."
            value={row.location}
            onChange={(e) => onChange({ ...row, location: e.currentTarget.value })}
            error={err('location')}
            flex={1}
            maxLength={1000}
          />
          <Checkbox
            label="Removed from target"
            checked={row.removed}
            onChange={(e) => onChange({ ...row, removed: e.currentTarget.checked })}
            mb={8}
          />
        </Group>
      </Stack>
    </Paper>
  );
}

/** The files (IOCs) an event put on its target: known files of the engagement or new ones, hashed locally. */
export function FilesField({
  engagement,
  rows,
  onChange,
  errors,
}: {
  engagement: string;
  rows: FileRow[];
  onChange: (rows: FileRow[]) => void;
  errors: Record<string, string | undefined>;
}) {
  return (
    <Stack gap="xs">
      {rows.map((row, i) => (
        <FileRowEditor
          key={row.key}
          engagement={engagement}
          row={row}
          index={i}
          errors={errors}
          onChange={(r) => onChange(rows.map((x) => (x.key === r.key ? r : x)))}
          onRemove={() => onChange(rows.filter((x) => x.key !== row.key))}
        />
      ))}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, emptyFileRow()])}
        >
          Add file
        </Button>
      </Group>
    </Stack>
  );
}
