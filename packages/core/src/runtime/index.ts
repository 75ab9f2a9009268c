export { registerRunningProcess, runningProcesses } from './process-registry.ts';
