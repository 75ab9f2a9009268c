// Test fixture: a worker in a process of its own (for SIGKILL tests), with the test tasks and short
// intervals. Prints "ready" once it claims jobs. Configured by the environment like the real one.
import { startWorker } from '../main.ts';
import { testResolver } from './test-tasks.ts';
import { FAST } from './worker-harness.ts';

const worker = await startWorker(process.env, { ...FAST, resolver: testResolver() });
process.stdout.write(`ready ${worker.runner.owner}\n`);
process.once('SIGTERM', () => void worker.stop().then(() => process.exit(0)));
