/** One candidate reading of a cracked line: which hash (and maybe account) the plaintext belongs to. */
export interface CrackCandidate {
  hash: string;
  /** `hashcat --username` output names the account before the hash. */
  account: string | null;
  plain: string;
  /** Longer hash readings win when several match (so `hash::plain` gives `plain`, not `:plain`). */
  weight: number;
}

const HEX = /\$HEX\[([0-9a-fA-F]*)\]/g;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes hashcat's `$HEX[…]` as UTF-8 bytes; null when the bytes are not UTF-8 or the hex is odd. */
export function decodeHexPlain(plain: string): string | null {
  if (!plain.includes('$HEX[')) return plain;
  let bad = false;
  const out = plain.replace(HEX, (_, hex: string) => {
    if (hex.length % 2) {
      bad = true;
      return '';
    }
    try {
      return utf8.decode(Buffer.from(hex, 'hex'));
    } catch {
      bad = true;
      return '';
    }
  });
  return bad ? null : out;
}

/**
 * Every way a `hashcat --show` / potfile line can split into hash and plaintext: at each colon (hashes
 * such as NetNTLM and Kerberos contain colons; plaintexts may too), with trailing colons of the hash
 * trimmed (Hashtopolis writes `hash::plain`), and with a leading `user:` taken as the account.
 */
export function crackCandidates(line: string): CrackCandidate[] {
  const out: CrackCandidate[] = [];
  for (let i = line.indexOf(':'); i >= 0; i = line.indexOf(':', i + 1)) {
    const left = line.slice(0, i).replace(/:+$/, '');
    const plain = line.slice(i + 1);
    if (!left) continue;
    out.push({ hash: left, account: null, plain, weight: i * 2 + 1 });
    const j = left.indexOf(':');
    if (j > 0 && j < left.length - 1) {
      const user = left.slice(0, j);
      out.push({
        hash: left.slice(j + 1),
        account: user.slice(user.lastIndexOf('\\') + 1),
        plain,
        weight: i * 2,
      });
    }
  }
  return out;
}

/** A 16-hex LM half (hashcat -m 3000 cracks each half of an LM hash on its own). */
export const isLmHalf = (hash: string) => /^[0-9a-f]{16}$/i.test(hash);
export const EMPTY_LM_HALF = 'aad3b435b51404ee';
