// Entry of every plugin worker thread. Threads do not inherit the parent's loaders, so this registers
// tsx (the sources are TypeScript, with no build step) and then imports the real entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
