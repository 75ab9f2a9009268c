import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FileDropZone } from '../../components/import/FileDropZone.tsx';
import { ImportProgress } from '../../components/import/ImportProgress.tsx';
import { DownloadRejectedButton, RejectedLines } from '../../components/import/RejectedLines.tsx';
import { useImportStage } from '../../components/import/use-import-stage.ts';
import { FormError } from '../../components/QueryState.tsx';
import { plural } from '../../lib/plural.ts';
import type { MenuItem } from '../plugins/plugins-api.ts';
import { type ImportResult, LINES_KEY, uploadEventStream } from './eventstream-api.ts';

/** The parameters a source declares (JSON Schema properties), as text fields. */
function paramNames(source: MenuItem | null): string[] {
  const props = (source?.params as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.keys(props);
}

/**
 * Import EventStream, or another file through a source plugin: drop or pick a file, watch it upload,
 * then see what was added, what was already there and which lines were rejected (downloadable).
 */
export function ImportModal({
  engagement,
  source,
  onClose,
}: {
  engagement: string;
  source: MenuItem | null;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [params, setParams] = useState<Record<string, string>>({});
  const names = paramNames(source);
  const { stage, error, start, pickAnother } = useImportStage<ImportResult>(
    (file, onProgress) =>
      uploadEventStream(
        engagement,
        file,
        source ? { key: `${source.plugin}:${source.key}`, params } : null,
        onProgress,
      ),
    () => client.invalidateQueries({ queryKey: LINES_KEY }),
  );

  return (
    <Modal
      opened
      onClose={onClose}
      title={source ? `Import: ${source.title}` : 'Import EventStream'}
      size="lg"
    >
      <Stack>
        {stage.kind === 'pick' && (
          <>
            {source?.description && (
              <Text size="sm" c="dimmed">
                {source.description}
              </Text>
            )}
            {names.map((name) => (
              <TextInput
                key={name}
                label={name}
                value={params[name] ?? ''}
                onChange={(e) => setParams((p) => ({ ...p, [name]: e.currentTarget.value }))}
              />
            ))}
            <FileDropZone
              onFile={(file) => void start(file)}
              hint={
                source
                  ? `Accepted: ${source.title}`
                  : 'JSON Lines: one EventStream object per line (see the format link above)'
              }
              inputLabel="EventStream file"
            />
            <FormError message={error} />
          </>
        )}
        {stage.kind === 'uploading' && (
          <ImportProgress fraction={stage.fraction} name={stage.name} working="Checking and importing" />
        )}
        {stage.kind === 'done' && (
          <Stack gap="sm" aria-label="Import result">
            <Alert color={stage.result.rejected.length ? 'yellow' : 'green'} title={`${stage.name} imported`}>
              {plural(stage.result.added, 'line')} added, {stage.result.duplicates} already there,{' '}
              {stage.result.rejected.length} rejected.
            </Alert>
            {stage.result.rejected.length > 0 && (
              <>
                <Stack gap={2}>
                  <RejectedLines rejected={stage.result.rejected} />
                  {stage.result.rejected.length > 10 && (
                    <Text size="sm" c="dimmed">
                      …and {stage.result.rejected.length - 10} more
                    </Text>
                  )}
                </Stack>
                <Group>
                  <DownloadRejectedButton
                    fileName={`${stage.name}.rejected.txt`}
                    rejected={stage.result.rejected}
                  />
                </Group>
              </>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={pickAnother}>
                Import another file
              </Button>
              <Button onClick={onClose}>Done</Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
