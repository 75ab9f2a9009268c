import type { DB, Tx } from '@steppingstones/db';
import type { EventFields } from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import { resolveOperator } from '../events/event.operator.ts';
import { mapLineAttack } from '../eventstream/eventstream-attack-map.ts';
import { sessionProcess } from './c2-contexts.write.ts';

export interface C2EventDraft {
  action_id: number;
  fields: EventFields & { engagement: string };
  warnings: string[];
}

interface SessionParts {
  host: string;
  user: string;
  process: string;
  pid: number | null;
}

export interface ActionForDraft {
  id: number;
  start_at: number;
  operator: string;
  input: string;
  task: string;
  attack_ids: string;
  output: string;
  indicators: string;
  session: SessionParts;
  parent: SessionParts | null;
  server_name: string;
  engagement_id: number;
  engagement_code: string;
}

const contextOf = (s: SessionParts) => ({ host: s.host, user: s.user, process: sessionProcess(s) });

/** The user an operator name means: a username starting with it once trailing digits are dropped. */
async function operatorOf(db: Kysely<DB>, engagementId: number, name: string, warnings: string[]) {
  const base = name.trim().replace(/\d+$/, '').toLowerCase();
  if (!base) return undefined;
  const users = await db
    .selectFrom('app_user')
    .select(['username', 'username_key'])
    .where('username_key', 'like', `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .orderBy('username_key')
    .execute();
  for (const u of users) {
    if (!u.username_key.startsWith(base)) continue;
    try {
      await resolveOperator(db as unknown as Tx, engagementId, u.username);
      return u.username;
    } catch {}
  }
  warnings.push(`No operator matching "${name}" in this engagement: the event is yours until you choose one`);
  return undefined;
}

/**
 * An event's fields from an operator action: its start, the previous hop (the parent session, else the
 * team server) as source and the session as target, ATT&CK from the first of the task's ids that
 * resolves, the task as description, input then output as evidence, the first `file:` indicator as a
 * file put on the target.
 */
export async function draftFromAction(db: Kysely<DB>, a: ActionForDraft): Promise<C2EventDraft> {
  const warnings: string[] = [];
  let attack = {
    tactic: null as string | null,
    technique: null as string | null,
    subtechnique: null as string | null,
  };
  const ids = JSON.parse(a.attack_ids) as string[];
  for (const id of ids) {
    const mapped = await mapLineAttack(db, null, id);
    if (mapped.technique) {
      attack = { tactic: mapped.tactic, technique: mapped.technique, subtechnique: mapped.subtechnique };
      break;
    }
  }
  if (ids.length && !attack.technique)
    warnings.push(`None of the ATT&CK ids ${ids.join(', ')} is known: left out`);
  const operator = await operatorOf(db, a.engagement_id, a.operator, warnings);
  const indicator = (JSON.parse(a.indicators) as string[])
    .map((i) => /^file: ([0-9a-fA-F]{32}) (\d+) bytes (.+)$/.exec(i.trim()))
    .find(Boolean);
  const files = indicator
    ? [
        {
          filename: (indicator[3] as string).split(/[\\/]/).pop() as string,
          md5: (indicator[1] as string).toLowerCase(),
          size: Number(indicator[2]),
          location: (indicator[3] as string).replace(/[\\/][^\\/]*$/, '') || null,
        },
      ]
    : [];
  const fields: C2EventDraft['fields'] = {
    engagement: a.engagement_code,
    timestamp: new Date(Number(a.start_at)).toISOString(),
    ...(operator ? { operator } : {}),
    source: a.parent ? contextOf(a.parent) : { host: a.server_name, user: '', process: '' },
    target: contextOf(a.session),
    mitre_attack_tactic: attack.tactic,
    mitre_attack_technique: attack.technique,
    mitre_attack_subtechnique: attack.subtechnique,
    description: (a.task || a.input || 'C2 action').slice(0, 1000),
    raw_evidence: a.output ? `${a.input}\r\r${a.output}` : a.input,
    ...(files.length ? { files } : {}),
  };
  return { action_id: Number(a.id), fields, warnings };
}
