import { useState } from 'react';
import { errorMessage } from '../../lib/api-error.ts';

/** Where a file import stands: picking a file, uploading it (0..1, then the server works), or done. */
export type ImportStage<R> =
  | { kind: 'pick' }
  | { kind: 'uploading'; fraction: number; name: string }
  | { kind: 'done'; result: R; name: string };

/**
 * Runs one file import through its stages; a failure goes back to picking with the error to show.
 * `onImported` runs once the result is in (refresh the lists it changed).
 */
export function useImportStage<R>(
  upload: (file: File, onProgress: (fraction: number) => void) => Promise<R>,
  onImported: () => unknown,
) {
  const [stage, setStage] = useState<ImportStage<R>>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);

  const start = async (file: File) => {
    setError(null);
    setStage({ kind: 'uploading', fraction: 0, name: file.name });
    try {
      const result = await upload(file, (fraction) =>
        setStage({ kind: 'uploading', fraction, name: file.name }),
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
