import { writeTransaction } from '@steppingstones/db';
import type { EngagementDto } from '@steppingstones/shared';
import type { EventDto } from '@steppingstones/shared/events';
import type { AppContext } from '../../app-context.ts';
import { createEngagement } from '../../engagements/index.ts';
import { createEvent } from '../../events/index.ts';
import { type Principal, systemPrincipal } from '../../permissions/index.ts';
import { inTransaction, serviceContext } from '../../service-context.ts';
import { insertUser, principalForUser } from '../../users/index.ts';

export interface PluginFixtures {
  engagement: EngagementDto;
  /** The operator who logged the events (a Red Team Operator, member of the engagement). */
  operator: Principal;
  /** The fixture events, oldest first. */
  events: EventDto[];
}

/**
 * A small, realistic engagement: an operator and four events covering the Detected / Prevented codes,
 * ATT&CK ids, tags, a starred event, a file and evidence with a hash (masked for blue team users).
 */
export async function seedPluginFixtures(app: AppContext, code = 'TEST-1'): Promise<PluginFixtures> {
  const db = app.database.db;
  const services = serviceContext(app, systemPrincipal('fixtures'));
  const engagement = await createEngagement(services, {
    code,
    name: 'Fixture engagement',
    start_date: '2026-01-05',
    end_date: '2026-01-30',
    description: 'Plugin test fixtures',
  });
  const user = await writeTransaction(db, (tx) =>
    insertUser(
      inTransaction(services, tx),
      {
        username: 'operator',
        password: 'unused-Password-1',
        memberships: [{ engagement: code, role: 'operator' }],
      },
      'fixture:no-login',
    ),
  );
  const operator = await principalForUser(db, user, 'system');
  const base = { engagement: code, operator: 'operator' };
  const specs = [
    {
      timestamp: '2026-01-06T09:15:00Z',
      source: { host: 'KALI01', user: 'operator' },
      target: { host: 'WS042', user: 'alice' },
      mitre_attack_tactic: 'TA0001',
      mitre_attack_technique: 'T1566',
      description: 'Sent phishing email with macro document. Payload beaconed.',
      outcome: 'Beacon established',
      detected: 'NEG' as const,
      prevented: 'NEG' as const,
      tags: ['phishing'],
    },
    {
      timestamp: '2026-01-06T10:02:00Z',
      source: { host: 'WS042', user: 'alice', process: 'beacon.exe' },
      target: { host: 'DC01' },
      mitre_attack_tactic: 'TA0006',
      mitre_attack_technique: 'T1003',
      mitre_attack_subtechnique: 'T1003.006',
      description: 'DCSync of the krbtgt account',
      raw_evidence: 'krbtgt:502:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::',
      detected: 'FUL' as const,
      prevented: 'NEG' as const,
      starred: true,
      tags: ['credential-access', 'domain'],
    },
    {
      timestamp: '2026-01-07T14:30:00Z',
      source: { host: 'WS042', user: 'alice' },
      target: { host: 'FS01' },
      mitre_attack_tactic: 'TA0008',
      mitre_attack_technique: 'T1021',
      description: 'Lateral movement over SMB <script>alert(1)</script>',
      detected: 'PAR' as const,
      prevented: 'PAR' as const,
      files: [
        {
          filename: 'svc.exe',
          size: 4096,
          md5: '0123456789abcdef0123456789abcdef',
          location: 'C:\\Windows\\Temp',
        },
      ],
    },
    {
      timestamp: '2026-01-08T08:00:00Z',
      source: { host: 'KALI01' },
      target: { host: 'WEB01' },
      description: 'Port scan of the DMZ',
      detected: 'UNK' as const,
      prevented: 'N/A' as const,
    },
  ];
  const events: EventDto[] = [];
  for (const spec of specs)
    events.push(await createEvent(serviceContext(app, operator), operator, { ...base, ...spec }));
  return { engagement, operator, events };
}
