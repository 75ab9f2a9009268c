import crypto from 'node:crypto';
import type { ContextDto } from '@steppingstones/shared/events';

/**
 * The original's colour: SHAKE-128 over the UTF-8 bytes of process, then user, then host; the first
 * three bytes as `#rrggbb`. Kept identical so teams see the same colours as before.
 */
export function contextColour(c: { host: string; user: string; process: string }): string {
  const key = `${c.process}\u0000${c.user}\u0000${c.host}`;
  const known = colours.get(key);
  if (known) return known;
  const hash = crypto.createHash('shake128', { outputLength: 3 });
  hash.update(c.process, 'utf8').update(c.user, 'utf8').update(c.host, 'utf8');
  const colour = `#${hash.digest('hex')}`;
  // Every grid page shows the same few contexts again and again; a bounded memo saves the hashing.
  if (colours.size >= 10_000) colours.clear();
  colours.set(key, colour);
  return colour;
}

const colours = new Map<string, string>();

/**
 * A context as a reader sees it: host, user and process pass through the reader's masking like any
 * evidence (a context can hold a password, e.g. a process's command line). The colour comes from
 * what is shown, so it says nothing about a masked value.
 */
export function toContextDto(
  row: { id: number; host: string; user: string; process: string; red_team_infrastructure: number | boolean },
  redact: (text: string) => string = (text) => text,
): ContextDto {
  const shown = { host: redact(row.host), user: redact(row.user), process: redact(row.process) };
  return {
    id: Number(row.id),
    ...shown,
    red_team_infrastructure: Boolean(Number(row.red_team_infrastructure)),
    colour: contextColour(shown),
  };
}

/** "user on host (process)", parts left out when empty, "-" when all are. */
export function contextText(c: { host: string; user: string; process: string }): string {
  return [c.host, c.user, c.process].filter(Boolean).join(' ') || '-';
}
