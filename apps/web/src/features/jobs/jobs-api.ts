import type { ListEnvelope } from '@steppingstones/shared';
import type { JobDto } from '@steppingstones/shared/jobs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';

export type JobFilter = 'all' | 'queued' | 'running' | 'failed' | 'recent';
export const JOBS_KEY = ['jobs'] as const;

/** The jobs list, refreshed every few seconds so running jobs and retries show without reloading. */
export function useJobs(status: JobFilter) {
  return useQuery({
    queryKey: [...JOBS_KEY, status],
    queryFn: () => api<ListEnvelope<JobDto>>(`/jobs/?status=${status}&limit=200`),
    placeholderData: keepPreviousData,
    refetchInterval: 3000,
  });
}

export const retryJob = (id: number) => api<JobDto>(`/jobs/${id}/retry/`, { method: 'POST' });
export const cancelJob = (id: number) => api<JobDto>(`/jobs/${id}/cancel/`, { method: 'POST' });
