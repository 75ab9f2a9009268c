/** `3 of 8 (37.5%)`, or `0 of 0` when there is nothing to divide by. */
export function share(part: number, whole: number): string {
  if (whole === 0) return '0 of 0';
  const p = Math.round((part / whole) * 1000) / 10;
  return `${part} of ${whole} (${p}%)`;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part / whole) * 1000) / 10}%`;
}
