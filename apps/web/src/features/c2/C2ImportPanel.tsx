import { Alert, Button, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import type { C2ImportResultDto } from '@steppingstones/shared/c2';
import { useRef, useState } from 'react';
import { errorMessage } from '../../lib/api-error.ts';
import { plural } from '../../lib/plural.ts';
import { uploadC2Logs } from './c2-api.ts';

/** Import a team server's logs (archive or one log): the upload's progress, then what was new. */
export function C2ImportPanel({ engagement, onDone }: { engagement: string; onDone: () => void }) {
  const [server, setServer] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<C2ImportResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | null) => {
    if (!file) return;
    setResult(null);
    setError(null);
    setProgress(0);
    try {
      setResult(await uploadC2Logs(engagement, file, server, setProgress));
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Stack gap="xs">
      <Group align="end">
        <TextInput
          label="Server name"
          placeholder="the archive's name"
          value={server}
          onChange={(e) => setServer(e.currentTarget.value)}
        />
        <Button onClick={() => input.current?.click()} loading={progress !== null}>
          Import Cobalt Strike logs
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          aria-label="C2 log archive"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0] ?? null;
            e.currentTarget.value = '';
            void upload(file);
          }}
        />
      </Group>
      {progress !== null && <Progress value={progress * 100} aria-label="Upload progress" />}
      {error && <Alert color="red">{error}</Alert>}
      {result && (
        <Alert color={result.rejected.length ? 'yellow' : 'green'} aria-label="C2 import result">
          <Text size="sm">
            {plural(result.sessions, 'session')}, {plural(result.actions, 'action')},{' '}
            {plural(result.downloads, 'download')}, {plural(result.files, 'file')},{' '}
            {plural(result.credentials, 'credential')} added; {result.rejected.length} rejected.
          </Text>
          {result.rejected.map((r) => (
            <Text size="xs" key={`${r.entry}:${r.reason}`}>
              {r.entry}: {r.reason}
            </Text>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
