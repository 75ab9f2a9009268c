import type { DialectName } from '@steppingstones/db';
import type { EventDto } from '@steppingstones/shared/events';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

/** An NTLM pair as secretsdump prints it: the hash must never reach a reader without credential.view. */
export const PLANTED_HASH = '8846f7eaee8fb117ad06bdd830b7586c';
export const PLANTED_EVIDENCE = `Administrator:500:aad3b435b51404eeaad3b435b51404ee:${PLANTED_HASH}:::`;

export interface EventWorld {
  server: TestServer;
  /** Red team operator in ACME (can see credentials). */
  alice: ApiClient;
  /** Red team operator in BETA only. */
  bob: ApiClient;
  /** Client Blue Team - Read Only, ACME. */
  blue: ApiClient;
  /** Client Blue Team - Limited Write, ACME. */
  limited: ApiClient;
  /** Superuser. */
  admin: ApiClient;
  stop(): Promise<void>;
}

/** A server with two engagements and one user per role. */
export async function startEventWorld(
  dialect: DialectName,
  env: Record<string, string> = {},
): Promise<EventWorld> {
  const server = await startTestServer(dialect, { env });
  await createTestEngagement(server.ctx, 'ACME');
  await createTestEngagement(server.ctx, 'BETA');
  const users: Array<[string, string[], string[]]> = [
    ['alice', ['Red Team Operators'], ['ACME']],
    ['bob', ['Red Team Operators'], ['BETA']],
    ['carol', ['Red Team Operators'], ['ACME']],
    ['blue', ['Client Blue Team - Read Only'], ['ACME']],
    ['limited', ['Client Blue Team - Limited Write'], ['ACME']],
  ];
  for (const [username, groups, engagements] of users)
    await createTestUser(server.ctx, { username, groups, engagements });
  await createTestUser(server.ctx, { username: 'admin', superuser: true, engagements: ['ACME', 'BETA'] });
  return {
    server,
    alice: await login(server.url, 'alice'),
    bob: await login(server.url, 'bob'),
    blue: await login(server.url, 'blue'),
    limited: await login(server.url, 'limited'),
    admin: await login(server.url, 'admin'),
    stop: () => server.stop(),
  };
}

export function eventBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timestamp: '2026-03-01T10:00:00Z',
    source: { host: 'WS01', user: 'op', process: 'beacon.exe' },
    target: { host: 'DC01' },
    description: 'Dumped the SAM database',
    ...overrides,
  };
}

export async function createEvent(
  client: ApiClient,
  overrides: Record<string, unknown> = {},
): Promise<EventDto> {
  const res = await client.post<EventDto>('/api/v1/events/', eventBody(overrides));
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface ErrorBody {
  error: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
  details?: { current?: EventDto };
}

export interface Page {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: EventDto[];
}
