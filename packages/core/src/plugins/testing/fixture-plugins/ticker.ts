// A plugin for the worker's enable / disable tests: two background tasks that the worker runs from its
// start and then every second. Each run appends `<key> <epoch ms>` to `config.runLog` (set by the test's
// plugin list), so a test in another process sees which task ran, and when, without reading job rows.
import fs from 'node:fs';
import { backgroundTask, definePlugin, z } from '@steppingstones/plugin-sdk';

const configSchema = z.object({ runLog: z.string().min(1) });

function recordingTask(key: string, title: string) {
  return backgroundTask({
    key,
    title,
    payloadSchema: z.object({}),
    schedule: { delaySeconds: 0, repeatSeconds: 1 },
    run(ctx) {
      const { runLog } = ctx.config as z.output<typeof configSchema>;
      fs.appendFileSync(runLog, `${key} ${Date.now()}\n`);
    },
  });
}

export default definePlugin({
  id: 'test-ticker',
  name: 'Test ticker',
  version: '1.0.0',
  configSchema,
  backgroundTasks: [recordingTask('tick', 'Tick every second'), recordingTask('tock', 'Tock every second')],
});
