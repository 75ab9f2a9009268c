/** One decoded BOF argument: its type letter (as bof_pack's format string) and how it is shown. */
export type BofArg = { type: 'i' | 's' | 'z' | 'Z' | 'b'; value: string };

const MAX_SHOWN = 117;
const shown = (s: string) => ([...s].length > MAX_SHOWN ? `${[...s].slice(0, MAX_SHOWN).join('')}...` : s);
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what makes a string "not text".
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;
const printable = (s: string) => !CONTROL.test(s) && !s.includes('\uFFFD');

/** Reads the blob with the argument types given (`izZ…`): the order bof_pack wrote them in. */
function decodeWithFormat(data: Buffer, format: string): BofArg[] | null {
  const out: BofArg[] = [];
  let at = 4;
  for (const type of format) {
    if (type === 'i') {
      if (at + 4 > data.length) return null;
      out.push({ type, value: String(data.readInt32LE(at)) });
      at += 4;
    } else if (type === 's') {
      if (at + 2 > data.length) return null;
      out.push({ type, value: String(data.readInt16LE(at)) });
      at += 2;
    } else {
      if (at + 4 > data.length) return null;
      const size = data.readUInt32LE(at);
      at += 4;
      if (at + size > data.length) return null;
      const bytes = data.subarray(at, at + size);
      at += size;
      if (type === 'b') out.push({ type, value: `0x${bytes.toString('hex')}` });
      else if (type === 'z') out.push({ type, value: shown(bytes.toString('utf8').replace(/\0+$/, '')) });
      else out.push({ type: 'Z', value: shown(bytes.toString('utf16le').replace(/\0+$/, '')) });
    }
  }
  return at === data.length ? out : null;
}

/** Without a format string: length-prefixed values, typed by what their bytes look like. */
function guess(data: Buffer): BofArg[] {
  const out: BofArg[] = [];
  let at = 4;
  while (at < data.length) {
    if (at + 4 > data.length) {
      if (data.length - at === 2) out.push({ type: 's', value: String(data.readInt16LE(at)) });
      break;
    }
    const size = data.readUInt32LE(at);
    if (at + 4 + size > data.length) {
      // Not a length: an int32 written as it is.
      out.push({ type: 'i', value: String(data.readInt32LE(at)) });
      at += 4;
      continue;
    }
    const bytes = data.subarray(at + 4, at + 4 + size);
    at += 4 + size;
    if (size === 0) continue;
    if (size === 2 && bytes[0] === 0 && bytes[1] === 0) out.push({ type: 'Z', value: '' });
    else if (
      size % 2 === 0 &&
      size >= 6 &&
      bytes[size - 1] === 0 &&
      bytes[size - 2] === 0 &&
      printable(bytes.subarray(0, -2).toString('utf16le'))
    )
      out.push({ type: 'Z', value: shown(bytes.subarray(0, -2).toString('utf16le')) });
    else if (bytes[size - 1] === 0 && printable(bytes.subarray(0, -1).toString('utf8')))
      out.push({ type: 'z', value: shown(bytes.subarray(0, -1).toString('utf8')) });
    else if (size === 4) out.push({ type: 'i', value: String(bytes.readInt32LE(0)) });
    else if (size === 2) out.push({ type: 's', value: String(bytes.readInt16LE(0)) });
    else out.push({ type: 'b', value: `0x${bytes.toString('hex')}` });
  }
  return out;
}

/**
 * Decodes an `exec_bof` argument blob (base64; little-endian: a 4-byte total size, then the values
 * as bof_pack wrote them). `format` (e.g. `zi`) gives the types when the operator's command named
 * them; otherwise they are guessed.
 */
export function decodeBofArgs(base64: string, format?: string): BofArg[] {
  const data = Buffer.from(base64, 'base64');
  if (data.length < 4) return [{ type: 'b', value: `<too short: ${data.toString('hex')}>` }];
  if (format) {
    const typed = decodeWithFormat(data, format);
    if (typed) return typed;
  }
  return guess(data);
}

/** `name types values`, strings quoted (as the original converter shows a BOF call). */
export function bofCommandLine(name: string, args: BofArg[]): string {
  if (!args.length) return name;
  const types = args.map((a) => a.type).join('');
  const values = args.map((a) => (a.type === 'z' || a.type === 'Z' ? `"${a.value}"` : a.value));
  return `${name} ${types} ${values.join(' ')}`;
}
