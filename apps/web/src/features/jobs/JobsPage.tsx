import { Badge, Button, Code, Group, Paper, SegmentedControl, Table, Text, Tooltip } from '@mantine/core';
import type { JobDto } from '@steppingstones/shared/jobs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DateTime } from '../../components/DateTime.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, FormError, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { plural } from '../../lib/plural.ts';
import { cancelJob, JOBS_KEY, type JobFilter, retryJob, useJobs } from './jobs-api.ts';

const STATUS_COLOR: Record<JobDto['status'], string> = {
  queued: 'blue',
  running: 'indigo',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
};

function payloadText(payload: unknown): string {
  const text = JSON.stringify(payload);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function JobRow({ job, onError }: { job: JobDto; onError: (message: string | null) => void }) {
  const queryClient = useQueryClient();
  const action = useMutation({
    mutationFn: (what: 'retry' | 'cancel') => (what === 'retry' ? retryJob(job.id) : cancelJob(job.id)),
    onSuccess: () => {
      onError(null);
      void queryClient.invalidateQueries({ queryKey: JOBS_KEY });
    },
    onError: (error) => onError(errorMessage(error)),
  });
  // A delivered webhook message is done: a retry would post it to the receiver again.
  const delivered = job.status === 'succeeded' && job.task === 'core:webhook.deliver';
  const canRetry = job.status !== 'running' && !delivered;
  const canCancel = job.status === 'queued' || job.status === 'running';
  return (
    <Table.Tr data-testid={`job-${job.id}`}>
      <Table.Td>{job.id}</Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {job.task}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {payloadText(job.payload)}
        </Text>
      </Table.Td>
      <Table.Td>
        {job.engagement ?? (
          <Text size="xs" c="dimmed">
            instance
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {/* max-content: a badge in a tight column shrinks and cuts its word otherwise. */}
        <Badge color={STATUS_COLOR[job.status]} variant="light" style={{ minWidth: 'max-content' }}>
          {job.status}
        </Badge>
        {job.repeat_seconds > 0 && (
          <Text size="xs" c="dimmed">
            every {job.repeat_seconds} s
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {job.attempts}/{job.max_attempts}
      </Table.Td>
      <Table.Td className="nowrap">
        {job.status === 'queued' ? <DateTime value={job.next_run_at} seconds /> : '—'}
      </Table.Td>
      <Table.Td className="nowrap">
        <DateTime value={job.finished_at} seconds />
      </Table.Td>
      <Table.Td maw={360}>
        {job.last_error && (
          <Tooltip label={job.last_error} multiline w={420} openDelay={300}>
            <Text size="xs" c="red.7" lineClamp={2}>
              {job.last_error}
            </Text>
          </Tooltip>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {canRetry && (
            <Button
              size="compact-xs"
              variant="default"
              loading={action.isPending && action.variables === 'retry'}
              onClick={() => action.mutate('retry')}
            >
              Retry now
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            disabled={!canCancel}
            loading={action.isPending && action.variables === 'cancel'}
            onClick={() => action.mutate('cancel')}
          >
            Cancel
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Admin → Jobs: what the worker runs, with retry and cancel. */
export function JobsPage() {
  const [filter, setFilter] = useState<JobFilter>('all');
  const [error, setError] = useState<string | null>(null);
  const jobs = useJobs(filter);
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background tasks and webhook deliveries run by the worker: what is running, what runs next, what failed and why. Failed runs can be retried; queued or running ones cancelled."
        actions={
          <SegmentedControl
            value={filter}
            onChange={(v) => setFilter(v as JobFilter)}
            data={[
              { value: 'all', label: 'All' },
              { value: 'running', label: 'Running' },
              { value: 'queued', label: 'Queued' },
              { value: 'failed', label: 'Failed' },
              { value: 'recent', label: 'Finished' },
            ]}
          />
        }
      />
      <FormError message={error} />
      {jobs.isPending && <LoadingState />}
      {jobs.isError && <ErrorState error={jobs.error} onRetry={() => jobs.refetch()} />}
      {jobs.data && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={980}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Engagement</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Next run</Table.Th>
                  <Table.Th>Finished</Table.Th>
                  <Table.Th>Last error</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {jobs.data.results.map((job) => (
                  <JobRow key={job.id} job={job} onError={setError} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {jobs.data.results.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              No jobs here. Jobs appear when a background task is scheduled or a webhook has something to
              deliver; the worker must be running (<Code>steppingstones worker</Code>, or started by{' '}
              <Code>npm start</Code>).
            </Text>
          )}
          <Text size="sm" c="dimmed" p="sm">
            {plural(Number(jobs.data.count), 'job')}
          </Text>
        </Paper>
      )}
    </>
  );
}
