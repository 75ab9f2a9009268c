import type { C2SessionRecord } from '@steppingstones/plugin-sdk';

/**
 * A `[metadata]` body: `<from> <-|-> <to>; key: value; …`. The left side is the external address, or
 * `beacon_<bid>` for a session linked through another (SMB, TCP, SSH); the right one the internal
 * address. Unknown keys are ignored (the original's import broke on them).
 */
export function applyMetadata(session: C2SessionRecord, body: string): void {
  const [head = '', ...pairs] = body.split(';');
  const link = /^\s*(\S+)\s*(<-|->)\s*(\S+)\s*$/.exec(head);
  if (link) {
    const left = link[1] as string;
    const parent = /^beacon_(\d+)$/.exec(left);
    if (parent) session.parentExternalId = parent[1] as string;
    else session.external = left;
    session.internal = link[3] as string;
  }
  for (const pair of pairs) {
    const i = pair.indexOf(':');
    if (i < 0) continue;
    const key = pair.slice(0, i).trim().toLowerCase();
    const value = pair.slice(i + 1).trim();
    switch (key) {
      case 'computer':
        session.host = value;
        break;
      case 'user':
        session.isAdmin = value.endsWith(' *');
        session.user = value.replace(/ \*$/, '');
        break;
      case 'process':
        session.process = value;
        break;
      case 'pid': {
        const pid = Number(value);
        session.pid = Number.isSafeInteger(pid) ? pid : null;
        break;
      }
      case 'os':
        session.os = value;
        break;
      case 'version':
        session.osVersion = value;
        break;
      case 'build':
        session.osBuild = value;
        break;
      case 'beacon arch':
      case 'arch':
        session.arch = value.split(/\s+/)[0] ?? '';
        break;
      case 'port':
        // An SSH session names its port; its OS version is not known.
        session.osVersion = session.osVersion || '0.0';
        break;
      case 'listener':
        session.listener = value;
        break;
    }
  }
}

export function blankSession(externalId: string, kind: 'beacon' | 'ssh', at: number): C2SessionRecord {
  return {
    type: 'session',
    externalId,
    parentExternalId: null,
    kind,
    host: '',
    user: '',
    isAdmin: false,
    process: '',
    pid: null,
    os: '',
    osVersion: '',
    osBuild: '',
    arch: '',
    internal: '',
    external: '',
    listener: '',
    firstSeen: at,
    lastSeen: at,
    sleep: null,
  };
}
