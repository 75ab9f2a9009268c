import { ValidationError } from '../errors.ts';

export type CursorKey = Array<number | string>;

/** Opaque keyset cursor: the sort key of the row a page starts after (base64url JSON). */
export function encodeCursor(key: CursorKey, direction: 'next' | 'prev' = 'next'): string {
  return Buffer.from(JSON.stringify(direction === 'next' ? key : { p: key })).toString('base64url');
}

export interface DecodedCursor {
  key: CursorKey;
  direction: 'next' | 'prev';
}

export function decodeCursorWithDirection(cursor: string, length: number): DecodedCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const direction = value && typeof value === 'object' && !Array.isArray(value) ? 'prev' : 'next';
  const key = direction === 'prev' ? (value as { p?: unknown }).p : value;
  const ok =
    Array.isArray(key) &&
    key.length === length &&
    key.every((k) => (typeof k === 'number' && Number.isFinite(k)) || typeof k === 'string');
  if (!ok)
    throw ValidationError.field('cursor', 'is not a cursor of this list; start again from the first page');
  return { key: key as CursorKey, direction };
}

/** A forward cursor's key (lists that only page forward). */
export function decodeCursor(cursor: string, length: number): CursorKey {
  return decodeCursorWithDirection(cursor, length).key;
}
