import { Alert, Button, FileButton, Group, Modal, Stack, Textarea } from '@mantine/core';
import type { CrackedImportResult } from '@steppingstones/shared/credentials';
import { useState } from 'react';
import { ImportProgress } from '../../components/import/ImportProgress.tsx';
import { DownloadRejectedButton, RejectedLines } from '../../components/import/RejectedLines.tsx';
import type { WorkerProgress } from '../../components/import/use-import-stage.ts';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { plural } from '../../lib/plural.ts';
import { uploadCracked } from './credentials-api.ts';

/** Paste `hashcat --show` output or a potfile, or pick the file; every account sharing a hash is filled. */
export function CrackedModal({
  engagement,
  onClose,
  onImported,
}: {
  engagement: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const [text, setText] = useState('');
  const [progress, setProgress] = useState<{
    fraction: number;
    name: string;
    worker?: WorkerProgress;
  } | null>(null);
  const [result, setResult] = useState<CrackedImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (body: Blob, name: string) => {
    setError(null);
    setProgress({ fraction: 0, name });
    try {
      setResult(
        await uploadCracked(engagement, body, name, (fraction, worker) =>
          setProgress({ fraction, name, worker }),
        ),
      );
      onImported();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Import cracked hashes" size="lg">
      <Stack>
        {result ? (
          <Stack gap="sm" aria-label="Cracked result">
            <Alert color={result.rejected.length ? 'yellow' : 'green'} title="Cracks imported">
              {plural(result.cracked_hashes, 'hash', 'hashes')} cracked,{' '}
              {plural(result.accounts, 'credential')} filled in, {result.unmatched} unmatched,{' '}
              {result.rejected.length} rejected.
            </Alert>
            <RejectedLines rejected={result.rejected} />
            <Group justify="flex-end">
              {result.rejected.length > 0 && (
                <DownloadRejectedButton fileName="cracked.rejected.txt" rejected={result.rejected} />
              )}
              <Button variant="default" onClick={() => setResult(null)}>
                Import more
              </Button>
              <Button onClick={onClose}>Done</Button>
            </Group>
          </Stack>
        ) : (
          <>
            <Textarea
              label="Cracked hashes"
              description="hashcat --show output or potfile lines (hash:plain, user:hash:plain, $HEX[…] plaintexts)"
              autosize
              minRows={6}
              maxRows={16}
              ff="monospace"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            {progress !== null && <ImportProgress {...progress} working="Matching" />}
            <FormError message={error} />
            <Group justify="flex-end">
              <FileButton onChange={(file) => file && void send(file, file.name)}>
                {(p) => (
                  <Button variant="default" {...p}>
                    Upload a potfile…
                  </Button>
                )}
              </FileButton>
              <Button
                disabled={!text.trim() || progress !== null}
                onClick={() => void send(new Blob([text], { type: 'text/plain' }), 'pasted')}
              >
                Import pasted cracks
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
