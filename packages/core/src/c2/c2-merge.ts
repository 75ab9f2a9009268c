import type {
  C2ActionRecord,
  C2CheckinRecord,
  C2DownloadRecord,
  C2Record,
  C2SessionRecord,
} from './c2-records.ts';

export interface MergedRecords {
  sessions: Map<string, C2SessionRecord>;
  actions: C2ActionRecord[];
  downloads: C2DownloadRecord[];
  checkins: C2CheckinRecord[];
}

const TEXT_FIELDS = [
  'host',
  'user',
  'process',
  'os',
  'osVersion',
  'osBuild',
  'arch',
  'internal',
  'external',
  'listener',
] as const;

/**
 * One record per session from every file that names it (a beacon's log of each day): seen from the
 * earliest to the latest entry, each field from the first file that knows it, the latest sleep.
 */
export function mergeSession(into: C2SessionRecord, more: C2SessionRecord): void {
  into.firstSeen = Math.min(into.firstSeen, more.firstSeen);
  into.lastSeen = Math.max(into.lastSeen, more.lastSeen);
  for (const f of TEXT_FIELDS) if (into[f] === '' && more[f] !== '') into[f] = more[f];
  if (into.pid === null) into.pid = more.pid;
  into.isAdmin ||= more.isAdmin;
  into.parentExternalId ??= more.parentExternalId;
  if (more.sleep && (!into.sleep || more.sleep.at >= into.sleep.at)) into.sleep = more.sleep;
}

export function mergeRecords(records: Iterable<C2Record>): MergedRecords {
  const out: MergedRecords = { sessions: new Map(), actions: [], downloads: [], checkins: [] };
  for (const r of records) {
    if (r.type === 'action') out.actions.push(r);
    else if (r.type === 'download') out.downloads.push(r);
    else if (r.type === 'checkin') out.checkins.push(r);
    else {
      const known = out.sessions.get(r.externalId);
      if (known) mergeSession(known, r);
      else out.sessions.set(r.externalId, { ...r });
    }
  }
  return out;
}
