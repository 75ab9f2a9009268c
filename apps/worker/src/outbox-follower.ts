import type { ClockedHandle } from '@steppingstones/core';
import { queueEventExtractions } from '@steppingstones/core/extraction';
import { fanOutWebhooks } from '@steppingstones/core/webhooks';
import type { Logger } from 'pino';

const BATCH = 500;

/**
 * Follows the outbox (~1 s polls; the cursor lives in the database) and queues webhook deliveries,
 * so a change reaches its webhooks within a few seconds. `onQueued` wakes the job runner.
 */
export function followOutbox(
  /** Where fan-out runs and the clock it stamps the cursors with (the worker's service context). */
  services: ClockedHandle,
  options: { pollMs: number; logger: Logger; onQueued: () => void },
): { stop(): Promise<void> } {
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      let read: number;
      do {
        read = await fanOutWebhooks(services, { batchSize: BATCH });
        if (read > 0) options.onQueued();
      } while (running && read === BATCH);
      // Credential extraction of saved events: one job per event change, after its write committed.
      do {
        read = await queueEventExtractions(services, { batchSize: BATCH });
        if (read > 0) options.onQueued();
      } while (running && read === BATCH);
    } catch (error) {
      options.logger.error({ err: error }, 'following the outbox failed; trying again shortly');
    }
    if (running) timer = setTimeout(() => (current = tick()), options.pollMs);
  };
  current = tick();
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}
