import { useState } from 'react';
import { errorMessage } from '../../lib/api-error.ts';

/** A background import's state as the worker reports it (a large upload answers 202 and runs there). */
export interface WorkerProgress {
  status: 'queued' | 'running';
  /** Bytes of the file read so far, of `total` when known, and the lines committed. */
  bytes: number;
  total: number | null;
  lines: number;
}

/** Reports the upload (0..1) and, once a background import runs, the worker's progress. */
export type OnImportProgress = (fraction: number, worker?: WorkerProgress) => void;

/** Where a file import stands: picking a file, uploading it (0..1, then the server works), or done. */
export type ImportStage<R> =
  | { kind: 'pick' }
  | { kind: 'uploading'; fraction: number; name: string; worker?: WorkerProgress }
  | { kind: 'done'; result: R; name: string };

/**
 * Runs one file import through its stages; a failure goes back to picking with the error to show.
 * `onImported` runs once the result is in (refresh the lists it changed).
 */
export function useImportStage<R>(
  upload: (file: File, onProgress: OnImportProgress) => Promise<R>,
  onImported: () => unknown,
) {
  const [stage, setStage] = useState<ImportStage<R>>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);

  const start = async (file: File) => {
    setError(null);
    setStage({ kind: 'uploading', fraction: 0, name: file.name });
    try {
      const result = await upload(file, (fraction, worker) =>
        setStage({ kind: 'uploading', fraction, name: file.name, worker }),
      );
      setStage({ kind: 'done', result, name: file.name });
      await onImported();
    } catch (e) {
      setError(errorMessage(e));
      setStage({ kind: 'pick' });
    }
  };

  return { stage, error, start, pickAnother: () => setStage({ kind: 'pick' }) };
}
