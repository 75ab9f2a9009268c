// Test fixture process: one "worker start" scheduling two tasks against DATABASE_URL (argv[2]).
// Several run at once to show that concurrent starts make one copy of each.
import { createDb, parseDatabaseUrl } from '@steppingstones/db';
import { z } from 'zod';
import { systemClock } from '../../clock.ts';
import { scheduleTasks } from '../job.scheduler.ts';
import { staticResolver, type TaskDefinition } from '../task-definition.ts';

const base = {
  payloadSchema: z.object({}),
  timeoutMs: 1000,
  maxAttempts: 3,
  entry: { module: 'file:///nowhere.ts', exportName: 'run' },
};
const tasks: TaskDefinition[] = [
  { ...base, name: 'p:c', schedule: { delaySeconds: 30, repeatSeconds: 60, replaceExistingTasks: true } },
  { ...base, name: 'p:d', schedule: { delaySeconds: 30, repeatSeconds: 0, replaceExistingTasks: false } },
];
const database = createDb({
  target: parseDatabaseUrl(process.argv[2]!, process.cwd()),
  busyTimeoutMs: 30_000,
});
await scheduleTasks({ db: database.db, clock: systemClock }, staticResolver(tasks));
await database.close();
