/**
 * Dates and times are stored and sent in UTC; the UI shows them in the user's timezone with the
 * browser's locale (house rule 6). Pass the user's IANA zone (`useTimezone()`); null means the
 * browser's zone.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(
  timeZone: string | null | undefined,
  options: Intl.DateTimeFormatOptions,
  locale?: string,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: timeZone ?? undefined });
    } catch {
      // An unknown zone must never break a page: fall back to the browser's zone.
      f = new Intl.DateTimeFormat(locale, options);
    }
    cache.set(key, f);
  }
  return f;
}

function toDate(value: string | number | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

type DateLike = string | number | Date | null | undefined;

/**
 * "23/11/2026, 14:05" (en-GB) or "11/23/26, 2:05 PM" (en-US): date and time both in the given zone.
 * `locale` defaults to the browser's.
 */
export function formatDateTime(value: DateLike, timeZone?: string | null, locale?: string): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toDate(value);
  if (!d) return String(value);
  return formatter(timeZone, { dateStyle: 'short', timeStyle: 'short' }, locale).format(d);
}

/** Same with seconds, for audit trails. */
export function formatDateTimeSeconds(value: DateLike, timeZone?: string | null, locale?: string): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toDate(value);
  if (!d) return String(value);
  return formatter(timeZone, { dateStyle: 'short', timeStyle: 'medium' }, locale).format(d);
}

/**
 * A calendar date `YYYY-MM-DD` (no time, no zone: engagement start and end) in the browser's locale.
 * Formatted in UTC so the day never shifts.
 */
export function formatCalendarDate(value: string | null | undefined, locale?: string): string {
  if (!value) return '';
  const d = toDate(`${value}T00:00:00Z`);
  if (!d) return value;
  return formatter('UTC', { dateStyle: 'medium' }, locale).format(d);
}

/** The browser's IANA zone, the default whenever the user has not chosen one. */
export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows, with UTC and the browser's own zone guaranteed present. */
export function timezoneList(): string[] {
  const zones = new Set<string>(['UTC', browserTimezone()]);
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  if (supported) for (const z of supported('timeZone')) zones.add(z);
  return [...zones].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}
