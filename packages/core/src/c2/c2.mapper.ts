import type { C2ActionDto, C2DownloadDto, C2ServerDto, C2SessionDto } from '@steppingstones/shared/c2';
import { toIsoUtc } from '@steppingstones/shared/dates';
import { osName } from './c2-os-name.ts';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const strings = (json: string): string[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

export interface SessionRow {
  id: number;
  server_id: number;
  external_id: string;
  parent_id: number | null;
  kind: 'beacon' | 'ssh';
  host: string;
  user: string;
  is_admin: number;
  process: string;
  pid: number | null;
  os: string;
  os_version: string;
  os_build: string;
  arch: string;
  internal: string;
  external: string;
  listener: string;
  first_seen: number;
  last_seen: number;
  sleep_seconds: number | null;
  jitter_percent: number | null;
  event_id?: number | null;
  watched?: number;
}

/** Next check-in: last seen + sleep × (1 + jitter); null when the sleep is unknown or interactive. */
function nextCheckin(r: SessionRow): string | null {
  const sleep = num(r.sleep_seconds);
  if (!sleep) return null;
  const max = sleep * (1 + (num(r.jitter_percent) ?? 0) / 100);
  return toIsoUtc(Number(r.last_seen) + Math.round(max * 1000));
}

/** A session's presence intervals as stored (epoch ms), for its DTO. */
export interface PresenceSpan {
  start: number;
  end: number;
}

export function toSessionDto(r: SessionRow, presences: readonly PresenceSpan[] = []): C2SessionDto {
  return {
    id: Number(r.id),
    server: Number(r.server_id),
    external_id: r.external_id,
    parent: num(r.parent_id),
    kind: r.kind,
    host: r.host,
    user: r.user,
    is_admin: Boolean(Number(r.is_admin)),
    process: r.process,
    pid: num(r.pid),
    os: [r.os, r.os_version, r.os_build].filter(Boolean).join(' '),
    os_name: osName(r.os, r.os_version, r.os_build),
    arch: r.arch,
    internal: r.internal,
    external: r.external,
    listener: r.listener,
    first_seen: toIsoUtc(Number(r.first_seen)),
    last_seen: toIsoUtc(Number(r.last_seen)),
    next_checkin: nextCheckin(r),
    sleep: num(r.sleep_seconds),
    jitter: num(r.jitter_percent),
    watched: Boolean(Number(r.watched ?? 0)),
    event: num(r.event_id),
    presences: presences.map((p) => ({ start: toIsoUtc(p.start), end: toIsoUtc(p.end) })),
  };
}

export function toActionDto(r: {
  id: number;
  session_id: number;
  start_at: number;
  operator: string;
  input: string;
  task: string;
  attack_ids: string;
  output: string;
  errors: string;
  indicators: string;
  event_id: number | null;
}): C2ActionDto {
  return {
    id: Number(r.id),
    session: Number(r.session_id),
    start: toIsoUtc(Number(r.start_at)),
    operator: r.operator,
    input: r.input,
    task: r.task,
    attack_ids: strings(r.attack_ids),
    output: r.output,
    errors: r.errors,
    indicators: strings(r.indicators),
    event: num(r.event_id),
  };
}

export function toDownloadDto(r: {
  id: number;
  session_id: number;
  at: number;
  size: number;
  path: string;
  name: string;
  remote_path: string;
  event_id: number | null;
}): C2DownloadDto {
  return {
    id: Number(r.id),
    session: Number(r.session_id),
    at: toIsoUtc(Number(r.at)),
    size: Number(r.size),
    path: r.path,
    name: r.name,
    remote_path: r.remote_path,
    event: num(r.event_id),
  };
}

export function toServerDto(r: {
  id: number;
  name: string;
  kind: string;
  created_at: number;
  follower_batch_at: number | null;
  follower_lag_ms: number | null;
}): C2ServerDto {
  return {
    id: Number(r.id),
    name: r.name,
    kind: r.kind,
    created_at: toIsoUtc(Number(r.created_at)),
    follower:
      r.follower_batch_at === null
        ? null
        : { last_batch: toIsoUtc(Number(r.follower_batch_at)), lag_ms: Number(r.follower_lag_ms ?? 0) },
  };
}
