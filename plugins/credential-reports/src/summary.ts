import { type CredentialStatistics, credentialReport } from '@steppingstones/plugin-sdk';
import { percent, share } from './percent.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

function table(head: string[], rows: string[][]): string[] {
  if (!rows.length) return ['None.', ''];
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ];
}

/** The Markdown of the finding: counts, lengths and patterns only; never a secret or a hash. */
export function summaryMarkdown(code: string, s: CredentialStatistics): string {
  const crackedLengths = s.lengths.filter((l) => l.length !== null);
  const cracked = crackedLengths.reduce((n, l) => n + l.count, 0);
  const reusedAccounts = s.reused.reduce((n, r) => n + r.accounts, 0);
  const belowTwelve = crackedLengths.filter((l) => (l.length ?? 0) < 12).reduce((n, l) => n + l.count, 0);
  return [
    `# Password audit: ${code}`,
    '',
    `- Secrets recovered for ${share(s.cracked_user_accounts, s.unique_user_accounts)} unique user accounts.`,
    `- Secrets recovered for ${share(s.cracked_machine_accounts, s.unique_machine_accounts)} machine or managed service accounts.`,
    `- ${s.password_is_username} accounts used their account name as their password.`,
    `- ${s.reused.length} passwords were shared by more than one account (${reusedAccounts} accounts in all).`,
    `- ${belowTwelve} of the ${cracked} recovered passwords (${percent(belowTwelve, cracked)}) were shorter than 12 characters.`,
    `- ${share(s.breached_user_accounts, s.unique_user_accounts)} user accounts use passwords found in breach data${
      s.breach_checks_pending ? ` (${s.breach_checks_pending} hashes not checked yet)` : ''
    }.`,
    `- ${s.prefixes.length} common words were reused with only digits or symbols appended (e.g. a season and a year).`,
    '',
    '## Password lengths',
    '',
    ...table(
      ['Length', 'Accounts', 'Share'],
      crackedLengths.map((l) => [String(l.length), String(l.count), percent(l.count, cracked)]),
    ),
    '## Complexity',
    '',
    ...table(
      ['Character classes', 'Accounts'],
      s.complexity.map((c) => [c.value, String(c.count)]),
    ),
    '## Structure',
    '',
    ...table(
      ['Structure', 'Accounts'],
      s.structure.map((c) => [c.value, String(c.count)]),
    ),
    '## Most common character masks',
    '',
    ...table(
      ['Mask', 'Passwords'],
      s.masks.slice(0, 10).map((m) => [`\`${m.mask}\``, String(m.count)]),
    ),
  ].join('\n');
}

export const markdownCredentialSummary = credentialReport({
  key: 'markdown-credential-summary',
  title: 'Password audit summary',
  category: 'Markdown',
  icon: 'file-text',
  description:
    'The password audit finding: cracked share, reuse, lengths, patterns and breached share, without secrets.',
  output: 'markdown',
  async render(ctx) {
    const stats = await ctx.credentials.stats();
    return {
      kind: 'markdown',
      markdown: summaryMarkdown(ctx.engagement.code, stats),
      filename: `${ctx.engagement.code}-password-audit`,
    };
  },
});
