export { type RunningWorker, startWorker, type WorkerOptions } from './main.ts';
