// Entry of the bench's worker threads: threads do not inherit the parent's loaders, so this registers
// tsx (the generators are TypeScript) and then imports the real entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
