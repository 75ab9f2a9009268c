// The entry of every worker thread (plugin pool, exports, background tasks). Threads do not inherit the
// parent's loaders, so this registers tsx (the sources are TypeScript, with no build step) and then
// imports the real entry, named by `startTsThread`.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
