import type { SetupInput, setupStatusSchema } from '@steppingstones/shared';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api-client.ts';
import { isApiError } from '../../lib/api-error.ts';

export const SETUP_KEY = ['setup'] as const;

export type SetupStatus = z.infer<typeof setupStatusSchema> & {
  /** Set by the wizard on success, so the login page can say what to do next. */
  justCompleted?: boolean;
};

async function fetchSetupStatus(): Promise<SetupStatus> {
  try {
    return await api<SetupStatus>('/setup/', { quiet401: true });
  } catch (error) {
    // A server without the setup endpoint has nothing to set up.
    if (isApiError(error, 404)) return { needed: false };
    throw error;
  }
}

export function useSetupStatus() {
  return useQuery({ queryKey: SETUP_KEY, queryFn: fetchSetupStatus, staleTime: Number.POSITIVE_INFINITY });
}

export async function completeSetup(request: SetupInput): Promise<void> {
  await api('/setup/', { method: 'POST', body: request, quiet401: true });
}

/** Step 1: is this the setup token? Answers without using it up (a wrong token is not an HTTP error). */
export async function checkSetupToken(token: string): Promise<{ valid: boolean; needed: boolean }> {
  return api('/setup/token-check/', { method: 'POST', body: { token }, quiet401: true });
}
