/**
 * An `[input]` entry that starts a new action taking output. Everything before it in a beacon log is
 * complete: later output joins this action or a later one, never an earlier one (sleep and note take
 * none, so output after them still belongs to the command before; they are no boundary).
 */
const BOUNDARY = /^\d\d\/\d\d \d\d:\d\d:\d\d [^[\n]*\[input\] <[^>]*> ?(?!(?:sleep|note)(?:\s|$))/i;

/** How much of a growing log's new text the follower may send now (see the SDK's `followSplit`). */
export function cobaltStrikeFollowSplit(path: string, text: string): number {
  const name = path.split(/[\\/]/).pop() ?? '';
  if (name === 'downloads.log') return text.length; // one complete record a line
  let split = 0;
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    if (BOUNDARY.test(line)) split = at;
    if (end < 0) break;
    at = end + 1;
  }
  return split;
}
