import { Button, Group, Stack } from '@mantine/core';
import { IconPlus } from '../../../components/icons.tsx';
import { FileRowEditor } from './FileRowEditor.tsx';
import { emptyFileRow, type FileRow } from './form-values.ts';

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
