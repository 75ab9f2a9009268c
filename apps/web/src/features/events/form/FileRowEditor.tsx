import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchKnownFiles, type KnownFile } from '../api/events-api.ts';
import { IconTrash } from '../ui/event-icons.tsx';
import { FileDetailsFields } from './FileDetailsFields.tsx';
import classes from './form.module.css';
import { emptyFileRow, type FileRow } from './form-values.ts';

const fileLabel = (f: { filename: string; size: number | string | null; md5?: string | null }) =>
  `${f.filename}${f.size !== null && f.size !== '' ? ` (${f.size} bytes)` : ''}${f.md5 ? ` · ${f.md5.slice(0, 8)}…` : ''}`;

/** One file of the event: a known file picked by name, or a new one; where it was and whether removed. */
export function FileRowEditor({
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
          <FileDetailsFields
            row={row}
            index={index}
            set={set}
            err={err}
            rowError={errors[`files.${row.key}`]}
          />
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
