import type { EventDto } from '@steppingstones/shared/events';
import type { EventFormValues } from '../form-values.ts';

/**
 * Unsaved event forms, per user, engagement and event, in the tab's sessionStorage.
 *
 * Why there: evidence often holds passwords and hashes. sessionStorage lives as long as the tab (a
 * reload or a closed drawer keeps the draft; closing the tab or signing out drops it), is never sent
 * anywhere, and is not shared with other tabs or left on disk for the next person on the machine the
 * way localStorage is. A server-side draft table would be one more copy of unredacted secrets outside
 * the event history's controls (masking for the blue team, purge with the engagement), for little gain.
 */

const PREFIX = 'ss.draft.';

export interface StoredDraft {
  /** When the draft was last written, epoch ms. */
  savedAt: number;
  values: EventFormValues;
  /** The stored version the draft builds on (a save against it goes through the merge view if stale). */
  base: EventDto | null;
}

export function draftKey(userId: number, engagement: string, mode: string, eventId: number | null): string {
  return `${PREFIX}${userId}.${engagement}.${mode}.${eventId ?? 'new'}`;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function readDraft(key: string): StoredDraft | null {
  const raw = storage()?.getItem(key);
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as StoredDraft;
    return typeof d.savedAt === 'number' && d.values ? d : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: StoredDraft): void {
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form still works, only the draft is not kept.
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(key);
}

/** Signing out leaves no draft behind in the tab. */
export function clearAllDrafts(): void {
  const s = storage();
  if (!s) return;
  for (const key of Object.keys(s)) if (key.startsWith(PREFIX)) s.removeItem(key);
}
