/**
 * A minimal DER reader for the one structure the Outflank kerberoast BOF prints: a Kerberos AP-REQ
 * (RFC 4120), from which the ticket's realm, service name and encrypted part are read. Every read is
 * bounds-checked; malformed input returns null instead of throwing.
 */
export interface Tlv {
  tag: number;
  start: number;
  end: number;
}

export function readTlv(buf: Uint8Array, at: number, limit = buf.length): Tlv | null {
  if (at + 2 > limit) return null;
  const tag = buf[at] as number;
  let len = buf[at + 1] as number;
  let start = at + 2;
  if (len & 0x80) {
    const bytes = len & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > limit) return null;
    len = 0;
    for (let i = 0; i < bytes; i++) len = len * 256 + (buf[start + i] as number);
    start += bytes;
  }
  const end = start + len;
  return end > limit ? null : { tag, start, end };
}

/** The children of a constructed value. */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let at = parent.start;
  while (at < parent.end) {
    const t = readTlv(buf, at, parent.end);
    if (!t) return out;
    out.push(t);
    at = t.end;
  }
  return out;
}

function child(buf: Uint8Array, parent: Tlv | null | undefined, tag: number): Tlv | null {
  if (!parent) return null;
  return children(buf, parent).find((c) => c.tag === tag) ?? null;
}

/** The single value inside an explicit tag ([n] → its inner TLV). */
function inner(buf: Uint8Array, tagged: Tlv | null): Tlv | null {
  return tagged ? readTlv(buf, tagged.start, tagged.end) : null;
}

function integer(buf: Uint8Array, t: Tlv | null): number | null {
  if (t?.tag !== 0x02 || t.end - t.start > 4) return null;
  let v = 0;
  for (let i = t.start; i < t.end; i++) v = v * 256 + (buf[i] as number);
  return v;
}

const latin1 = (buf: Uint8Array, t: Tlv) => Buffer.from(buf.subarray(t.start, t.end)).toString('latin1');

export interface ApReqTicket {
  realm: string;
  serviceName: string[];
  etype: number;
  cipher: Uint8Array;
}

/** Reads the ticket of an AP-REQ starting at `at` (tag APPLICATION 14). */
export function readApReqTicket(buf: Uint8Array, at: number): ApReqTicket | null {
  const apReq = readTlv(buf, at);
  if (apReq?.tag !== 0x6e) return null;
  const seq = inner(buf, apReq);
  if (seq?.tag !== 0x30) return null;
  const ticketApp = inner(buf, child(buf, seq, 0xa3));
  if (ticketApp?.tag !== 0x61) return null;
  const ticket = inner(buf, ticketApp);
  if (ticket?.tag !== 0x30) return null;
  const realm = inner(buf, child(buf, ticket, 0xa1));
  const sname = inner(buf, child(buf, ticket, 0xa2));
  const encPart = inner(buf, child(buf, ticket, 0xa3));
  if (!realm || !sname || !encPart) return null;
  const names = inner(buf, child(buf, sname, 0xa1));
  if (!names) return null;
  const etype = integer(buf, inner(buf, child(buf, encPart, 0xa0)));
  const cipher = inner(buf, child(buf, encPart, 0xa2));
  if (etype === null || !cipher || cipher.tag !== 0x04) return null;
  return {
    realm: latin1(buf, realm),
    serviceName: children(buf, names).map((n) => latin1(buf, n)),
    etype,
    cipher: buf.subarray(cipher.start, cipher.end),
  };
}
