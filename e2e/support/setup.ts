import type { RunningApp } from './app.ts';

export interface SetupData {
  engagement: { code: string; name: string; start_date: string; end_date: string; description?: string };
  admin: { username: string; password: string; timezone: string };
}

export const DEFAULT_SETUP: SetupData = {
  engagement: {
    code: 'ACME-2026',
    name: 'ACME Corp red team',
    start_date: '2026-11-01',
    end_date: '2026-12-19',
  },
  admin: { username: 'admin', password: 'correct horse battery staple', timezone: 'Europe/London' },
};

/** Completes the first run through the API (for tests that are not about the wizard). */
export async function completeSetupViaApi(
  app: RunningApp,
  data: SetupData = DEFAULT_SETUP,
): Promise<SetupData> {
  const res = await fetch(`${app.url}/api/v1/setup/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ token: app.setupToken(), engagement: data.engagement, user: data.admin }),
  });
  if (res.status !== 201) throw new Error(`Setup failed: ${res.status} ${await res.text()}`);
  return data;
}

export interface CliUser {
  username: string;
  password: string;
  groups?: string[];
  engagements?: string[];
  superuser?: boolean;
}

/** `steppingstones createuser --username X --password-stdin [--group G]… [--engagement CODE]…` */
export async function createUserViaCli(app: RunningApp, user: CliUser): Promise<void> {
  const args = ['createuser', '--username', user.username, '--password-stdin'];
  for (const g of user.groups ?? []) args.push('--group', g);
  for (const e of user.engagements ?? []) args.push('--engagement', e);
  if (user.superuser) args.push('--superuser');
  const result = await app.cli(args, `${user.password}\n`);
  if (result.code !== 0)
    throw new Error(
      `createuser ${user.username} failed (${result.code}):\n${result.stdout}\n${result.stderr}`,
    );
}
