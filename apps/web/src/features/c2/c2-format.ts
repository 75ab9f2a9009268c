import type { C2SessionDto } from '@steppingstones/shared/c2';

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '–');

export function sessionLabel(s: C2SessionDto): string {
  return `${s.user}${s.is_admin ? ' *' : ''} on ${s.host} (${s.process}${s.pid === null ? '' : `, PID ${s.pid}`})`;
}

/**
 * Check-ins missed since the last one: the time since, over the longest sleep with jitter. Interactive
 * (sleep 0) and unknown sleeps miss nothing, so nothing divides by zero.
 */
export function missedCheckins(s: C2SessionDto, now: number): number {
  if (!s.sleep) return 0;
  const period = s.sleep * (1 + (s.jitter ?? 0) / 100) * 1000;
  return Math.max(0, Math.floor((now - Date.parse(s.last_seen)) / period));
}

/** Amber once a check-in was missed, red past two (as the original). */
export function expectedColour(missed: number): string | undefined {
  return missed > 2 ? 'red' : missed > 0 ? 'orange' : undefined;
}
