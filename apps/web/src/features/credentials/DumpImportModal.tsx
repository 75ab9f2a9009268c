import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import {
  DUMP_IMPORT_TYPES,
  type DumpImportResult,
  type DumpImportType,
  HASH_TYPES,
} from '@steppingstones/shared/credentials';
import { useState } from 'react';
import { FileDropZone } from '../../components/import/FileDropZone.tsx';
import { ImportProgress } from '../../components/import/ImportProgress.tsx';
import { DownloadRejectedButton, RejectedLines } from '../../components/import/RejectedLines.tsx';
import { useImportStage } from '../../components/import/use-import-stage.ts';
import { FormError } from '../../components/QueryState.tsx';
import { plural } from '../../lib/plural.ts';
import { uploadDump } from './credentials-api.ts';

const TYPE_LABELS: Record<DumpImportType, string> = {
  grep: 'Tool output (found by the extractors)',
  secretsdump: 'Impacket secretsdump (NTDS, SAM, DCSync)',
  pwdump: 'pwdump (user:rid:lm:nt:::)',
  'user-hash': 'user:hash',
  'user-secret': 'user:secret',
  'user-hash-secret': 'user:hash:secret',
  keepass: 'KeePass CSV (1.x or 2.x)',
};

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
  const [type, setType] = useState<DumpImportType>('secretsdump');
  const [system, setSystem] = useState('');
  const [hashType, setHashType] = useState<string | null>('1000');
  const needsMode = type === 'user-hash' || type === 'user-hash-secret';
  const { stage, error, start, pickAnother } = useImportStage<DumpImportResult>(
    (file, onProgress) =>
      uploadDump(engagement, file, { type, system, hashType: needsMode ? hashType : null }, onProgress),
    onImported,
  );

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
            <FileDropZone
              onFile={(file) => void start(file)}
              hint={TYPE_LABELS[type]}
              inputLabel="Dump file"
            />
            <FormError message={error} />
          </>
        )}
        {stage.kind === 'uploading' && (
          <ImportProgress
            fraction={stage.fraction}
            name={stage.name}
            working="Importing"
            worker={stage.worker}
          />
        )}
        {stage.kind === 'done' && (
          <Stack gap="sm" aria-label="Import result">
            <Alert color={stage.result.rejected.length ? 'yellow' : 'green'} title={`${stage.name} imported`}>
              {plural(stage.result.new_hashes, 'new hash', 'new hashes')},{' '}
              {plural(stage.result.new_secrets, 'new secret')},{' '}
              {plural(stage.result.history_hashes, 'history hash', 'history hashes')},{' '}
              {stage.result.duplicates} already known, {stage.result.rejected.length} rejected.
            </Alert>
            <RejectedLines rejected={stage.result.rejected} />
            <Group justify="flex-end">
              {stage.result.rejected.length > 0 && (
                <DownloadRejectedButton
                  fileName={`${stage.name}.rejected.txt`}
                  rejected={stage.result.rejected}
                />
              )}
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
