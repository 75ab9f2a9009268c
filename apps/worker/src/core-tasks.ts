import {
  CREDENTIAL_IMPORT_MAX_ATTEMPTS,
  CREDENTIAL_IMPORT_TASK,
  CREDENTIAL_IMPORT_TIMEOUT_MS,
  credentialImportPayloadSchema,
} from '@steppingstones/core/credentials';
import { SEARCH_REINDEX_TASK, searchReindexPayloadSchema } from '@steppingstones/core/events';
import {
  EVENTSTREAM_IMPORT_MAX_ATTEMPTS,
  EVENTSTREAM_IMPORT_TASK,
  EVENTSTREAM_IMPORT_TIMEOUT_MS,
  eventstreamImportPayloadSchema,
} from '@steppingstones/core/eventstream';
import {
  EXTRACT_EVENT_MAX_ATTEMPTS,
  EXTRACT_EVENT_TASK,
  extractEventPayloadSchema,
} from '@steppingstones/core/extraction';
import { staticResolver, type TaskResolver } from '@steppingstones/core/jobs';
import { DELIVER_MAX_ATTEMPTS, DELIVER_TASK, deliveryPayloadSchema } from '@steppingstones/core/webhooks';
import { z } from 'zod';

const coreModule = (path: string) => new URL(`../../../packages/core/src/${path}`, import.meta.url).href;

export const PRUNE_TASK = 'core:jobs.prune';

/** The app's own tasks: webhook delivery (queued by the outbox follower), event extraction, queued credential and EventStream imports and the hourly pruning. */
export function coreTaskResolver(): TaskResolver {
  return staticResolver([
    {
      name: DELIVER_TASK,
      payloadSchema: deliveryPayloadSchema,
      // The HTTP call itself stops at 10 s; the rest is the delivery log write.
      timeoutMs: 30_000,
      maxAttempts: DELIVER_MAX_ATTEMPTS,
      entry: { module: coreModule('webhooks/webhook-deliver.task.ts'), exportName: 'deliverWebhookTask' },
    },
    {
      name: EXTRACT_EVENT_TASK,
      payloadSchema: extractEventPayloadSchema,
      timeoutMs: 5 * 60_000,
      maxAttempts: EXTRACT_EVENT_MAX_ATTEMPTS,
      entry: { module: coreModule('extraction/event-extraction.task.ts'), exportName: 'extractEventTask' },
    },
    {
      name: CREDENTIAL_IMPORT_TASK,
      payloadSchema: credentialImportPayloadSchema,
      timeoutMs: CREDENTIAL_IMPORT_TIMEOUT_MS,
      maxAttempts: CREDENTIAL_IMPORT_MAX_ATTEMPTS,
      entry: {
        module: coreModule('credentials/import/credential-import.task.ts'),
        exportName: 'runCredentialImportTask',
      },
    },
    {
      name: EVENTSTREAM_IMPORT_TASK,
      payloadSchema: eventstreamImportPayloadSchema,
      timeoutMs: EVENTSTREAM_IMPORT_TIMEOUT_MS,
      maxAttempts: EVENTSTREAM_IMPORT_MAX_ATTEMPTS,
      entry: {
        module: coreModule('eventstream/eventstream-import.task.ts'),
        exportName: 'runEventStreamImportTask',
      },
    },
    {
      // Queued by a migration after the redaction of search documents changed.
      name: SEARCH_REINDEX_TASK,
      payloadSchema: searchReindexPayloadSchema,
      timeoutMs: 60 * 60_000,
      maxAttempts: 5,
      entry: { module: coreModule('events/search-reindex.task.ts'), exportName: 'reindexSearchTask' },
    },
    {
      name: PRUNE_TASK,
      payloadSchema: z.object({}).passthrough(),
      timeoutMs: 5 * 60_000,
      maxAttempts: 3,
      schedule: { delaySeconds: 60, repeatSeconds: 3600, replaceExistingTasks: true },
      entry: { module: coreModule('jobs/prune.task.ts'), exportName: 'pruneJobsTask' },
    },
  ]);
}
