// The six mutually exclusive detection / prevention outcomes of the charts (reference §2.7). Events
// with N/A in either field fall in none of them.
import type { ReportEvent } from '@steppingstones/plugin-sdk';

export interface Outcome {
  key: string;
  /** Position on the badness scale: 0 worst … 1 best. */
  score: number;
  label: string;
  /** The short label of the heat map's colour bar. */
  short: string;
}

/** Worst first (the stacking order, bottom to top). */
export const OUTCOMES: readonly Outcome[] = [
  { key: 'neither', score: 0, label: 'Neither Detected Nor Prevented', short: 'Neither' },
  {
    key: 'unprevented-unknown',
    score: 0.2,
    label: 'Unprevented (Detection Unknown)',
    short: 'Unprevented (Det. Unknown)',
  },
  { key: 'detected-only', score: 0.4, label: 'Detected Only', short: 'Detected Only' },
  { key: 'prevented-only', score: 0.6, label: 'Prevented Only', short: 'Prevented Only' },
  {
    key: 'prevented-unknown',
    score: 0.8,
    label: 'Prevented (Detection Unknown)',
    short: 'Prevented (Det. Unknown)',
  },
  { key: 'both', score: 1, label: 'Both Detected and Prevented', short: 'Both Det. & Prev.' },
];

export function outcomeOf(e: ReportEvent): Outcome | null {
  const detected = e.detected === 'FUL' || e.detected === 'PAR';
  const undetected = e.detected === 'NEG';
  const unknown = e.detected === 'UNK';
  const prevented = e.prevented === 'FUL' || e.prevented === 'PAR';
  const unprevented = e.prevented === 'NEG';
  const key =
    undetected && unprevented
      ? 'neither'
      : unknown && unprevented
        ? 'unprevented-unknown'
        : detected && unprevented
          ? 'detected-only'
          : undetected && prevented
            ? 'prevented-only'
            : unknown && prevented
              ? 'prevented-unknown'
              : detected && prevented
                ? 'both'
                : null;
  return OUTCOMES.find((o) => o.key === key) ?? null;
}

/** `YYYY-MM-DD` of the UTC date. */
export const utcDay = (iso: string) => iso.slice(0, 10);
