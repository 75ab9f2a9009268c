import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../../lib/api-error.ts';
import { invalidateEventLists } from '../events/grid/use-event-pages.ts';
import { type AttachmentDto, eventAttachmentsKey, uploadAttachment } from './attachments-api.ts';

export interface UploadItem {
  key: number;
  file: File;
  status: 'queued' | 'uploading' | 'done' | 'failed';
  /** 0..1 while uploading. */
  progress: number;
  /** The server's message when it refused the file. */
  error: string | null;
}

/** One upload's end: the stored attachment, or the server's reason for refusing the file. */
type Ended = { saved: AttachmentDto } | { file: File; error: string };

interface UploadOutcome {
  uploaded: AttachmentDto[];
  failed: Array<{ file: File; error: string }>;
}

/**
 * Files on their way to an event. With an `eventId` a file uploads as soon as it is added; without
 * one (an event not saved yet) files wait until `uploadQueued` is given the saved event's id. Uploads
 * run one after another, each with its progress, and a refused file keeps the server's message.
 */
export function useAttachmentUploads(eventId: number | null) {
  const client = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const nextKey = useRef(1);
  // The chain of uploads: each starts when the one before it has ended.
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const update = useCallback((key: number, patch: Partial<UploadItem>) => {
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  }, []);

  const uploadOne = useCallback(
    (target: number, item: UploadItem): Promise<Ended> => {
      const run = async (): Promise<Ended> => {
        update(item.key, { status: 'uploading', progress: 0, error: null });
        try {
          const saved = await uploadAttachment(target, item.file, (progress) =>
            update(item.key, { progress }),
          );
          update(item.key, { status: 'done', progress: 1 });
          return { saved };
        } catch (e) {
          const error = errorMessage(e);
          update(item.key, { status: 'failed', error });
          return { file: item.file, error };
        }
      };
      const result = chain.current.then(run, run);
      chain.current = result;
      return result;
    },
    [update],
  );

  const refresh = useCallback(
    async (target: number) => {
      await client.invalidateQueries({ queryKey: eventAttachmentsKey(target) });
      await invalidateEventLists(client);
    },
    [client],
  );

  const add = useCallback(
    (files: File[]) => {
      const added = files.map(
        (file): UploadItem => ({ key: nextKey.current++, file, status: 'queued', progress: 0, error: null }),
      );
      setItems((all) => [...all.filter((i) => i.status !== 'done'), ...added]);
      if (eventId === null) return;
      void Promise.all(added.map((item) => uploadOne(eventId, item))).then((done) =>
        done.some((d) => 'saved' in d) ? refresh(eventId) : undefined,
      );
    },
    [eventId, uploadOne, refresh],
  );

  /** Uploads every file still waiting to the event just saved; says which ones the server refused. */
  const uploadQueued = useCallback(
    async (target: number): Promise<UploadOutcome> => {
      const waiting = items.filter((i) => i.status === 'queued' || i.status === 'failed');
      const ended = await Promise.all(waiting.map((item) => uploadOne(target, item)));
      const uploaded = ended.flatMap((e) => ('saved' in e ? [e.saved] : []));
      const failed = ended.flatMap((e) => ('error' in e ? [e] : []));
      if (uploaded.length) await refresh(target);
      return { uploaded, failed };
    },
    [items, uploadOne, refresh],
  );

  const remove = useCallback((key: number) => setItems((all) => all.filter((i) => i.key !== key)), []);

  return {
    items,
    add,
    remove,
    uploadQueued,
    pending: items.some((i) => i.status === 'queued'),
    busy: items.some((i) => i.status === 'uploading'),
  };
}
