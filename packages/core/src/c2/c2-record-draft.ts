import type { DB } from '@steppingstones/db';
import type { EventFields } from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import { mapLineAttack } from '../eventstream/eventstream-attack-map.ts';
import { sessionProcess } from './c2-contexts.write.ts';
import { osName } from './c2-os-name.ts';

/** A session with what the drafts need: its context parts, its parent's, the server's name. */
export interface SessionForDraft {
  id: number;
  kind: 'beacon' | 'ssh';
  host: string;
  user: string;
  process: string;
  pid: number | null;
  is_admin: number;
  os: string;
  os_version: string;
  os_build: string;
  listener: string;
  first_seen: number;
  parent: { host: string; user: string; process: string; pid: number | null } | null;
  server_name: string;
  engagement_id: number;
  engagement_code: string;
}

export interface DownloadForDraft {
  id: number;
  at: number;
  size: number;
  name: string;
  remote_path: string;
  session: SessionForDraft;
}

type Parts = { host: string; user: string; process: string; pid: number | null };
const contextOf = (s: Parts) => ({ host: s.host, user: s.user, process: sessionProcess(s) });
/** The hop before a session: its parent session, else the team server. */
const previousHop = (s: SessionForDraft) =>
  s.parent ? contextOf(s.parent) : { host: s.server_name, user: '', process: '' };

async function attackOf(db: Kysely<DB>, tactic: string, technique: string, warnings: string[]) {
  const m = await mapLineAttack(db, tactic, technique);
  warnings.push(...m.warnings);
  return {
    mitre_attack_tactic: m.tactic,
    mitre_attack_technique: m.technique,
    mitre_attack_subtechnique: m.subtechnique,
  };
}

/**
 * A download as an event: collection (TA0009) from a network share (T1039) when the path is a UNC
 * path, else from the local system (T1005); the session is the source, the previous hop the target.
 */
export async function draftFromDownload(db: Kysely<DB>, d: DownloadForDraft) {
  const warnings: string[] = [];
  const s = d.session;
  const where = d.remote_path || d.name;
  const fields: EventFields & { engagement: string } = {
    engagement: s.engagement_code,
    timestamp: new Date(Number(d.at)).toISOString(),
    source: contextOf(s),
    target: previousHop(s),
    ...(await attackOf(db, 'TA0009', where.startsWith('\\\\') ? 'T1039' : 'T1005', warnings)),
    description: `Downloaded "${d.name}" (${Number(d.size).toLocaleString('en-US')} bytes) from ${where}`,
  };
  return { download_id: Number(d.id), fields, warnings };
}

/** The channel a session came in by, as ATT&CK and words (imported logs rarely name the listener). */
function channelOf(s: SessionForDraft) {
  const listener = s.listener.toLowerCase();
  if (s.parent && s.kind === 'beacon') return { technique: 'T1090.001', protocol: 'SMB Named Pipe' };
  if (listener.includes('https')) return { technique: 'T1071.001', protocol: 'direct HTTPS' };
  return { technique: 'T1095', protocol: '' };
}

/**
 * A session as an event: command and control (TA0011) from the session to the previous hop, the
 * technique by how it connected, "remote administrative control" when it runs as an administrator.
 */
export async function draftFromSession(db: Kysely<DB>, s: SessionForDraft) {
  const warnings: string[] = [];
  const channel = channelOf(s);
  const kind = s.kind === 'ssh' ? 'SSH session' : 'Cobalt Strike beacon';
  const os = osName(s.os, s.os_version, s.os_build) || 'an unknown OS';
  const fields: EventFields & { engagement: string } = {
    engagement: s.engagement_code,
    timestamp: new Date(Number(s.first_seen)).toISOString(),
    source: contextOf(s),
    target: previousHop(s),
    ...(await attackOf(db, 'TA0011', channel.technique, warnings)),
    description: `New ${channel.protocol} command and control connection from ${kind} on ${os}`.replace(
      /\s{2,}/g,
      ' ',
    ),
    outcome: Number(s.is_admin) ? 'Remote administrative control of device' : 'Remote control of device',
  };
  return { session_id: Number(s.id), fields, warnings };
}
