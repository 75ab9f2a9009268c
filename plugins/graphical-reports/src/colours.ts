// Colour scales of the charts (reference §2.7–2.9), interpolated linearly in RGB like matplotlib's
// LinearSegmentedColormap.from_list.

/** Pink = bad … green = good: detection / prevention outcomes. */
export const BADNESS = ['#E97590', '#F7D089', '#F7F4B9', '#AFF6CD'];
/** Pale … purple: how often a technique was used. */
export const ACTIVITY = ['#E9F3F1', '#F7F4B9', '#F7D089', '#E97590', '#C881EC'];

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

/** The colour at `t` (0..1) along evenly spaced stops, as `#rrggbb`. */
export function interpolate(stops: readonly string[], t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const a = rgb(stops[i] ?? '#000000');
  const b = rgb(stops[i + 1] ?? '#000000');
  const f = x - i;
  return `#${a
    .map((v, k) =>
      Math.round(v + ((b[k] ?? 0) - v) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** An ECharts linear gradient (left → right) through the stops, for colour bars. */
export function gradient(stops: readonly string[]) {
  return {
    type: 'linear',
    x: 0,
    y: 0,
    x2: 1,
    y2: 0,
    colorStops: stops.map((color, i) => ({ offset: i / (stops.length - 1), color })),
  };
}
