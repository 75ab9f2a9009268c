import { credentialReport, h, htmlTable } from '@steppingstones/plugin-sdk';

/** `Summer2024!` → `S*********!`; two characters or fewer are masked whole. */
export function maskSecret(secret: string): string {
  const cs = Array.from(secret);
  if (cs.length <= 2) return '*'.repeat(cs.length);
  return `${cs[0]}${'*'.repeat(cs.length - 2)}${cs[cs.length - 1]}`;
}

export const htmlCrackedAccounts = credentialReport({
  key: 'html-cracked-accounts',
  title: 'Cracked accounts',
  category: 'HTML',
  icon: 'table',
  description:
    'System, account, purpose and how each account was cracked, secrets masked except the first and last character.',
  output: 'html',
  async render(ctx) {
    const accounts = await ctx.credentials.cracked();
    return {
      kind: 'html',
      filename: `${ctx.engagement.code}-cracked-accounts`,
      body: h('div', null, [
        h('p', null, `${accounts.length} accounts with a recovered password.`),
        htmlTable(
          ['System', 'Account', 'Purpose', 'Cracked from', 'Password'],
          accounts.map((a) => [
            a.system || '-',
            a.account,
            a.purpose,
            a.crackedFrom,
            h('code', null, maskSecret(a.secret)),
          ]),
        ),
      ]),
    };
  },
});
