export { registerRunningProcess, runningProcesses } from './process-registry.ts';
export { type SpooledUpload, type SpoolOptions, spoolUpload, uploadsDir } from './spool-upload.ts';
export { jobUpload, removeJobUpload, sweepOrphanUploads } from './upload-cleanup.ts';
