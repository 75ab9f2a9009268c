import { Alert, Button, Group, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { FormError } from '../../../components/QueryState.tsx';
import { apiFetch } from '../../../lib/api-client.ts';
import { errorMessage } from '../../../lib/api-error.ts';

function filenameOf(response: Response): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match?.[1]
    ? decodeURIComponent(match[1])
    : `steppingstones-backup-${new Date().toISOString().slice(0, 10)}.sqlite3`;
}

/** Saves a blob through a temporary link (the download stays same-origin: no popup, no remote URL). */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A consistent copy of the whole SQLite database; the password is asked again because it holds everything. */
export function BackupPage() {
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const download = useMutation({
    mutationFn: async () => {
      const response = await apiFetch('/backup/', { method: 'POST', body: { password } });
      const name = filenameOf(response);
      saveBlob(await response.blob(), name);
      return name;
    },
    onSuccess: (name) => {
      setSaved(name);
      setPassword('');
    },
    onError: () => setPassword(''),
  });

  return (
    <>
      <PageHeader
        title="Backup"
        description="Download a consistent copy of the database: every engagement, event, file record and credential. Keep it as safe as the server."
      />
      <Paper withBorder p="lg" maw={560}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(null);
            download.mutate();
          }}
        >
          <Stack gap="md">
            <Text size="sm">Confirm your password to download the backup.</Text>
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
              autoFocus
            />
            <FormError message={download.isError ? errorMessage(download.error) : null} />
            {saved && (
              <Alert color="teal" variant="light">
                Backup saved as {saved}.
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={download.isPending} disabled={!password}>
                Download backup
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
