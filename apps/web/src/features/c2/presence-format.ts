/** The presences of a session as the sessions table draws and reads them out. */
interface PresenceSpan {
  start: string;
  end: string;
}

const parts = (timeZone: string | null) => {
  const zone = timeZone ?? undefined;
  try {
    return {
      day: new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
      time: new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    };
  } catch {
    // An unknown zone must never break the page: the browser's zone instead.
    return parts(null);
  }
};

/**
 * The text alternative of a presence bar: "present 10:02–10:47, 11:30–12:05" in the user's zone. A
 * time carries its date (YYYY-MM-DD) whenever the day differs from the time read out before it, so
 * intervals across midnight or days apart are never ambiguous.
 */
export function presenceText(presences: readonly PresenceSpan[], timeZone: string | null): string {
  if (presences.length === 0) return 'no check-ins recorded';
  const f = parts(timeZone);
  let lastDay: string | null = null;
  const at = (iso: string) => {
    const d = new Date(iso);
    const day = f.day.format(d);
    const time = f.time.format(d);
    const shown = lastDay === null || day === lastDay ? time : `${day} ${time}`;
    lastDay = day;
    return shown;
  };
  return `present ${presences.map((p) => `${at(p.start)}–${at(p.end)}`).join(', ')}`;
}

/**
 * Where each presence sits on a bar spanning `from`–`to` (epoch ms), in percent of its width: a
 * single check-in still gets a visible sliver.
 */
export function presenceSlices(
  presences: readonly PresenceSpan[],
  from: number,
  to: number,
): Array<{ left: number; width: number }> {
  const span = Math.max(1, to - from);
  return presences.map((p) => {
    const left = ((Date.parse(p.start) - from) / span) * 100;
    const width = ((Date.parse(p.end) - Date.parse(p.start)) / span) * 100;
    return { left: Math.min(99, Math.max(0, left)), width: Math.max(1, width) };
  });
}
