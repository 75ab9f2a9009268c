import { Alert, Button, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import type { MenuItem } from '../plugins/plugins-api.ts';
import classes from './eventstream.module.css';
import { type ImportResult, LINES_KEY, rejectedText, uploadEventStream } from './eventstream-api.ts';

type Stage =
  | { kind: 'pick' }
  | { kind: 'uploading'; fraction: number; name: string }
  | { kind: 'done'; result: ImportResult; name: string };

/** The parameters a source declares (JSON Schema properties), as text fields. */
function paramNames(source: MenuItem | null): string[] {
  const props = (source?.params as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.keys(props);
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
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
  const input = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [params, setParams] = useState<Record<string, string>>({});
  const names = paramNames(source);

  const start = async (file: File) => {
    setError(null);
    setStage({ kind: 'uploading', fraction: 0, name: file.name });
    try {
      const result = await uploadEventStream(
        engagement,
        file,
        source ? { key: `${source.plugin}:${source.key}`, params } : null,
        (fraction) => setStage({ kind: 'uploading', fraction, name: file.name }),
      );
      setStage({ kind: 'done', result, name: file.name });
      await client.invalidateQueries({ queryKey: LINES_KEY });
    } catch (e) {
      setError(errorMessage(e));
      setStage({ kind: 'pick' });
    }
  };

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
                if (file) void start(file);
              }}
            >
              <Text fw={600}>Drop a file here, or click to choose one</Text>
              <Text size="sm" c="dimmed">
                {source
                  ? `Accepted: ${source.title}`
                  : 'JSON Lines: one EventStream object per line (see the format link above)'}
              </Text>
            </button>
            <input
              ref={input}
              type="file"
              hidden
              aria-label="EventStream file"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) void start(file);
              }}
            />
            <FormError message={error} />
          </>
        )}
        {stage.kind === 'uploading' && (
          <Stack gap="xs">
            <Text size="sm">
              {stage.fraction < 1 ? `Uploading ${stage.name}…` : `Checking and importing ${stage.name}…`}
            </Text>
            <Progress
              value={Math.round(stage.fraction * 100)}
              animated={stage.fraction >= 1}
              aria-label="Import progress"
            />
          </Stack>
        )}
        {stage.kind === 'done' && (
          <Stack gap="sm" aria-label="Import result">
            <Alert color={stage.result.rejected.length ? 'yellow' : 'green'} title={`${stage.name} imported`}>
              {stage.result.added} line(s) added, {stage.result.duplicates} already there,{' '}
              {stage.result.rejected.length} rejected.
            </Alert>
            {stage.result.rejected.length > 0 && (
              <>
                <Stack gap={2}>
                  {stage.result.rejected.slice(0, 10).map((r) => (
                    <Text key={`${r.line}-${r.reason}`} size="sm" ff="monospace">
                      line {r.line}: {r.reason}
                    </Text>
                  ))}
                  {stage.result.rejected.length > 10 && (
                    <Text size="sm" c="dimmed">
                      …and {stage.result.rejected.length - 10} more
                    </Text>
                  )}
                </Stack>
                <Group>
                  <Button
                    variant="default"
                    onClick={() => download(`${stage.name}.rejected.txt`, rejectedText(stage.result))}
                  >
                    Download rejected lines
                  </Button>
                </Group>
              </>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStage({ kind: 'pick' })}>
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
