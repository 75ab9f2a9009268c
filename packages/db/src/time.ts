/** The stored representation of "now": epoch milliseconds, UTC. */
export function nowMs(): number {
  return Date.now();
}
