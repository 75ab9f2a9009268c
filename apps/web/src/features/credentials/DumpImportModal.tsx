import { Alert, Button, Group, Modal, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import {
  DUMP_IMPORT_TYPES,
  type DumpImportResult,
  type DumpImportType,
  HASH_TYPES,
} from '@steppingstones/shared/credentials';
import { useRef, useState } from 'react';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import classes from './credentials.module.css';
import { downloadText, rejectedText, uploadDump } from './credentials-api.ts';

const TYPE_LABELS: Record<DumpImportType, string> = {
  grep: 'Tool output (found by the extractors)',
  secretsdump: 'Impacket secretsdump (NTDS, SAM, DCSync)',
  pwdump: 'pwdump (user:rid:lm:nt:::)',
  'user-hash': 'user:hash',
  'user-secret': 'user:secret',
  'user-hash-secret': 'user:hash:secret',
  keepass: 'KeePass CSV (1.x or 2.x)',
};

type Stage =
  | { kind: 'pick' }
  | { kind: 'uploading'; fraction: number; name: string }
  | { kind: 'done'; result: DumpImportResult; name: string };

/** Import a dump: choose its type, drop the file, watch it upload, then see what it added. */
export function DumpImportModal({
  engagement,
  onClose,
  onImported,
}: {
  engagement: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [type, setType] = useState<DumpImportType>('secretsdump');
  const [system, setSystem] = useState('');
  const [hashType, setHashType] = useState<string | null>('1000');
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const needsMode = type === 'user-hash' || type === 'user-hash-secret';

  const start = async (file: File) => {
    setError(null);
    setStage({ kind: 'uploading', fraction: 0, name: file.name });
    try {
      const result = await uploadDump(
        engagement,
        file,
        { type, system, hashType: needsMode ? hashType : null },
        (fraction) => setStage({ kind: 'uploading', fraction, name: file.name }),
      );
      setStage({ kind: 'done', result, name: file.name });
      onImported();
    } catch (e) {
      setError(errorMessage(e));
      setStage({ kind: 'pick' });
    }
  };

  return (
    <Modal opened onClose={onClose} title="Import a credential dump" size="lg">
      <Stack>
        {stage.kind === 'pick' && (
          <>
            <Select
              label="Type"
              data={DUMP_IMPORT_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
              value={type}
              onChange={(v) => setType((v as DumpImportType) ?? 'secretsdump')}
              allowDeselect={false}
            />
            {type !== 'keepass' && (
              <TextInput
                label="System"
                description="Domain or host for lines that name none"
                value={system}
                onChange={(e) => setSystem(e.currentTarget.value)}
              />
            )}
            {needsMode && (
              <Select
                label="Hash type"
                data={HASH_TYPES.map((t) => ({ value: String(t.mode), label: `${t.name} (${t.mode})` }))}
                value={hashType}
                onChange={setHashType}
                searchable
              />
            )}
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
                {TYPE_LABELS[type]}
              </Text>
            </button>
            <input
              ref={input}
              type="file"
              hidden
              aria-label="Dump file"
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
              {stage.fraction < 1 ? `Uploading ${stage.name}…` : `Importing ${stage.name}…`}
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
              {stage.result.new_hashes} new hash(es), {stage.result.new_secrets} new secret(s),{' '}
              {stage.result.history_hashes} history hash(es), {stage.result.duplicates} already known,{' '}
              {stage.result.rejected.length} rejected.
            </Alert>
            {stage.result.rejected.slice(0, 10).map((r) => (
              <Text key={`${r.line}-${r.reason}`} size="sm" ff="monospace">
                line {r.line}: {r.reason}
              </Text>
            ))}
            <Group justify="flex-end">
              {stage.result.rejected.length > 0 && (
                <Button
                  variant="default"
                  onClick={() =>
                    downloadText(`${stage.name}.rejected.txt`, rejectedText(stage.result.rejected))
                  }
                >
                  Download rejected lines
                </Button>
              )}
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
