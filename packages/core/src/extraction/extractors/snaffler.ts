import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWith, splitPrincipal, unquote } from '../text.ts';

/** `[File] {Red}<Classifier|R|match|size|modified>(path) context` (Snaffler's plain log). */
export const snafflerLinePattern = definePattern({
  name: 'snaffler-line',
  description: 'Snaffler file finding line (classifier, path, matched context)',
  source: String.raw`\[File\] \{(?:Red|Yellow|Green|Black)\}<(?<classifier>[^|>\n]+)\|[^|\n]{0,16}\|[^|\n]*\|[^|\n]*\|[^>\n]*>\((?<path>[^)\n]+)\) ?(?<context>[^\n]*)`,
  secretGroups: [],
});

export const netUserPattern = definePattern({
  name: 'net-user-add',
  description: '`net user [/add] [SYS\\]acct password`',
  source: String.raw`\bnet1? user (?:/add )?(?<user>[^\s/"]+) (?<password>[^\s/*][^\s]*)`,
  flags: { caseInsensitive: true },
  secretGroups: ['password'],
});

export const netUsePattern = definePattern({
  name: 'net-use-user',
  description: '`net use [X:] \\\\share … /user:[SYS\\]acct password`',
  source: String.raw`\bnet1? use (?:[A-Za-z]: )?(?<share>\\\\[^\s]+)[^\n]*?/user:(?<user>[^\s]+) (?<password>[^\s/*][^\s]*)`,
  flags: { caseInsensitive: true },
  secretGroups: ['password'],
});

export const connectionStringPattern = definePattern({
  name: 'connection-string-password',
  description: 'Connection strings `Password=` / `Pwd=` (with `User ID=` and `Data Source=` when present)',
  source: String.raw`\b(?:Password|Pwd)\s*=\s*(?<password>[^;"'<\n]+)`,
  flags: { caseInsensitive: true },
  secretGroups: ['password'],
});

const connectionUser = definePattern({
  name: 'connection-string-user',
  description: 'Connection strings `User ID=` / `UID=` (no secret)',
  source: String.raw`\b(?:User ID|UserID|UID|User|Username)\s*=\s*(?<user>[^;"'<\n]+)`,
  flags: { caseInsensitive: true },
  secretGroups: [],
});

const connectionServer = definePattern({
  name: 'connection-string-server',
  description: 'Connection strings `Data Source=` / `Server=` (no secret)',
  source: String.raw`\b(?:Data Source|Server|Host|Address)\s*=\s*(?<server>[^;"'<\n]+)`,
  flags: { caseInsensitive: true },
  secretGroups: [],
});

export const sqlCreatePattern = definePattern({
  name: 'sql-account-creation',
  description: "SQL `CREATE USER|LOGIN name … IDENTIFIED BY|WITH PASSWORD = 'pw'`",
  source: String.raw`\bCREATE (?:USER|LOGIN) \[?N?['"]?(?<user>[^\s'"\[\];]+)['"]?\]?[^\n]*?(?:IDENTIFIED BY|WITH PASSWORD\s*=?)\s*N?['"]?(?<password>[^\s'";,]+)`,
  flags: { caseInsensitive: true },
  secretGroups: ['password'],
});

/** Snaffler escapes the context it prints; undo it (`\r`, `\n`, `\t`, escaped regex characters). */
function unescapeContext(context: string): string {
  let out = '';
  for (let i = 0; i < context.length; i++) {
    const c = context[i] as string;
    if (c !== '\\' || i + 1 === context.length) {
      out += c;
      continue;
    }
    const n = context[++i] as string;
    out +=
      n === 'r' ? '\r' : n === 'n' ? '\n' : n === 't' ? '\t' : '\\.+*?()|[]{}^$# '.includes(n) ? n : `\\${n}`;
  }
  return out;
}

const PLACEHOLDER = '$&{';

function garbage(account: string, password: string): boolean {
  const a = account[0] ?? '';
  if (a && a === password[0] && PLACEHOLDER.includes(a)) return true;
  return !/[A-Za-z0-9]/.test(account);
}

function fromContext(classifier: string, context: string, path: string): CredentialFinding[] {
  const base = { source: path };
  const out: CredentialFinding[] = [];
  if (classifier === 'KeepCmdCredentials') {
    for (const m of netUserPattern.re.all(context)) {
      const { system, account } = splitPrincipal(m.user as string);
      out.push(
        finding({
          ...base,
          system,
          account,
          secret: unquote(m.password as string),
          purpose: 'Automated user creation',
        }),
      );
    }
    for (const m of netUsePattern.re.all(context)) {
      const { system, account } = splitPrincipal(m.user as string);
      out.push(
        finding({
          ...base,
          system,
          account,
          secret: unquote(m.password as string),
          purpose: `SMB login to use "${m.share}"`,
        }),
      );
    }
  } else if (classifier === 'KeepSqlAccountCreation') {
    for (const m of sqlCreatePattern.re.all(context)) {
      const account = unquote(m.user as string);
      const secret = unquote(m.password as string);
      if (!garbage(account, secret))
        out.push(finding({ ...base, account, secret, purpose: 'SQL Account Creation' }));
    }
  } else if (/^Keep(?:CSharpDbConnStrings|DbConnStringPw|PassOrKeyInCode)/.test(classifier)) {
    const password = connectionStringPattern.re.exec(context);
    if (!password) return out;
    const user = connectionUser.re.exec(context);
    // The red connection-string rule is specific enough that a password alone is worth keeping.
    if (!user && classifier !== 'KeepCSharpDbConnStringsRed') return out;
    const server = connectionServer.re.exec(context);
    out.push(
      finding({
        ...base,
        system: server ? unquote(server.server as string) : '',
        account: user ? unquote(user.user as string) : '',
        secret: unquote(password.password as string),
        purpose: 'Database Credentials',
      }),
    );
  }
  return out;
}

export const snafflerExtractor: CatalogueExtractor = {
  name: 'snaffler',
  markers: ['[File] {'],
  patterns: [
    snafflerLinePattern,
    netUserPattern,
    netUsePattern,
    connectionStringPattern,
    connectionUser,
    connectionServer,
    sqlCreatePattern,
  ],
  mayMatch: (text) => text.includes('[File] {'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, '[File] {')) {
      const m = snafflerLinePattern.re.exec(line.text);
      if (!m) continue;
      out.push(
        ...fromContext(m.classifier as string, unescapeContext(m.context as string), m.path as string),
      );
    }
    return out;
  },
};
