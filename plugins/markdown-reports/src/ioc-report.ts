// Markdown "Indicators of Compromise" (reference §2.4): infrastructure, accounts and file artefacts
// of the filtered events of this engagement.

import { isIP } from 'node:net';
import { eventReport, type ReportC2Session, type ReportContext, z } from '@steppingstones/plugin-sdk';
import { classifyHost, ipSortKey } from './host-class.ts';
import { escapeHtmlText, md } from './report-text.ts';

const paramsSchema = z.object({
  company: z
    .string()
    .max(200)
    .default('the client')
    .describe('How the text names the client (the original printed a <<TKTK COMPANY>> placeholder)'),
});

function sortHosts(hosts: Iterable<string>): string[] {
  const all = [...new Set(hosts)];
  const ips = all
    .filter((h) => isIP(h.replace(/^\[(.*)\]$/, '$1')))
    .sort((a, b) => (ipSortKey(a) < ipSortKey(b) ? -1 : 1));
  const names = all.filter((h) => !ips.includes(h)).sort((a, b) => a.localeCompare(b, 'en'));
  return [...ips, ...names];
}

const bullets = (items: string[], none: string) =>
  items.length ? items.map((i) => `* ${md(i)}`).join('\n') : `*${none}*`;

/** `\\HOST\C$\Windows\x` → `C:\Windows\x` when the share is on the target host. */
function pathRelativeToHost(location: string, host: string): string {
  const m = /^\\\\([^\\]+)\\([a-z])\$\\?(.*)$/i.exec(location);
  if (!m || m[1]?.toLowerCase() !== host.toLowerCase()) return location;
  return `${m[2]?.toUpperCase()}:\\${m[3] ?? ''}`;
}

async function fileArtefacts(ctx: ReportContext<z.output<typeof paramsSchema>>): Promise<string[]> {
  const [filtered, all, distributions] = await Promise.all([
    ctx.events.list(),
    ctx.events.listAll(),
    ctx.files.list(),
  ]);
  const filteredIds = new Set(filtered.map((e) => e.id));
  const eventsById = new Map(all.map((e) => [e.id, e]));
  const firstSeen = new Map<number, string>();
  for (const d of distributions) {
    const at = eventsById.get(d.eventId)?.startAt;
    if (!filteredIds.has(d.eventId) || !at) continue;
    const prev = firstSeen.get(d.id);
    if (!prev || at < prev) firstSeen.set(d.id, at);
  }
  const fileIds = [...firstSeen.keys()].sort((a, b) => {
    const ta = firstSeen.get(a) ?? '';
    const tb = firstSeen.get(b) ?? '';
    return ta === tb ? a - b : ta < tb ? -1 : 1;
  });
  const rows: string[] = [];
  for (const id of fileIds) {
    const ds = distributions.filter((d) => d.id === id);
    const f = ds[0];
    if (!f) continue;
    const fileCell = [`**${md(f.filename)}**`];
    if (f.size !== null) fileCell.push('&nbsp;', `${f.size.toLocaleString('en-GB')} bytes`);
    const desc: string[] = [];
    if (f.description) desc.push(md(f.description), '&nbsp;');
    desc.push(ds.length === 1 ? '*Location:*' : '*Locations:*');
    const locations: string[] = [];
    for (const d of ds) {
      const target = eventsById.get(d.eventId)?.target;
      const host = target?.host ?? '';
      const rewritten = d.location && host ? pathRelativeToHost(d.location, host) : '';
      let line: string;
      if (d.location && host && rewritten.includes(':\\')) line = `${host} - ${rewritten}`;
      else if (d.location) line = d.location;
      else if (target?.user.includes('@')) line = target.user;
      else line = [target?.user, host].filter(Boolean).join(' on ');
      if (d.removed) line += ' (Removed)';
      if (locations.at(-1) !== line) locations.push(line);
    }
    desc.push(locations.map((l) => `* ${md(l)}`).join('\n'), '&nbsp;');
    const hashes: string[] = [];
    if (f.md5) hashes.push(`*MD5:* \`${f.md5}\``);
    if (f.sha1) hashes.push(`*SHA1:* \`${f.sha1}\``);
    if (f.sha256) hashes.push(`*SHA256:* \`${f.sha256}\``);
    desc.push(hashes.join('  \n'));
    rows.push(
      `<tr>\n<td markdown="1">\n\n${fileCell.join('\n\n')}\n\n</td>\n<td markdown="1">\n\n${desc.filter(Boolean).join('\n\n')}\n\n</td>\n</tr>`,
    );
  }
  return rows;
}

/** How a session reached the team server, in the original's words (empty when unknown). */
function channel(s: ReportC2Session): string {
  if (s.kind === 'ssh') return 'SSH (inbound)';
  if (s.parentId !== null) return 'SMB (peer-to-peer)';
  if (/https/i.test(s.listener)) return 'HTTPS (outbound)';
  return '';
}

/**
 * "Command and Control – Sessions Established": one row per C2 session, oldest first. Only for callers
 * who may see C2 data (never the blue team), and only when the engagement has sessions.
 */
async function c2Sessions(ctx: ReportContext<z.output<typeof paramsSchema>>): Promise<string[]> {
  if (!ctx.hasPermission('c2.view')) return [];
  const sessions = await ctx.c2.sessions();
  if (sessions.length === 0) return [];
  const cell = (text: string) => `<td>${escapeHtmlText(text)}</td>`;
  return [
    '# Command and Control – Sessions Established',
    '',
    'The following command and control sessions were established with compromised systems during the ' +
      'engagement, each running as the user and in the process shown.',
    '',
    'Note: All times are represented in UTC:',
    '',
    '<table>',
    '<colgroup>',
    ...[15, 18, 18, 18, 31].map((w) => `<col style="width: ${w}%"/>`),
    '</colgroup>',
    '<thead>',
    '<tr><th>Timestamp Established</th><th>Channel</th><th>User</th><th>Host</th><th>PID</th></tr>',
    '</thead>',
    '<tbody>',
    ...sessions.map(
      (s) =>
        `<tr>${cell(s.firstSeen.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''))}${cell(channel(s))}${cell(s.user)}${cell(s.host)}${cell(
          `${s.process.toLowerCase()}${s.pid === null ? '' : ` (PID: ${s.pid})`}`,
        )}</tr>`,
    ),
    '</tbody>',
    '</table>',
    '',
  ];
}

/** "Red team infrastructure": the team's own hosts, only when some are marked. */
function redTeamSection(hosts: Set<string>, company: string): string[] {
  if (hosts.size === 0) return [];
  return [
    '# Red team infrastructure',
    '',
    `The following systems belong to the red team (attacker servers, cracking boxes), not to ${company}. ` +
      'Activity from or to them during the engagement was part of the exercise:',
    '',
    bullets(sortHosts(hosts), 'None recorded.'),
    '',
  ];
}

export const markdownIocReport = eventReport({
  key: 'markdown-ioc-report',
  title: 'Indicators of Compromise',
  category: 'Markdown',
  icon: 'shield',
  description:
    'External and internal infrastructure, compromised accounts and file artefacts of the filtered events.',
  requires: ['report.view', 'file.view'],
  output: 'markdown',
  paramsSchema,
  async render(ctx) {
    const company = escapeHtmlText(ctx.params.company);
    const events = await ctx.events.list();
    const external: string[] = [];
    const internal: string[] = [];
    const accounts = new Set<string>();
    // A host the team marked as its own (attacker VPS, cracking box) is listed apart, never as the
    // client's: marking any of its contexts marks the host.
    const redTeam = new Set<string>();
    for (const e of events)
      for (const c of [e.source, e.target]) if (c?.redTeamInfrastructure && c.host) redTeam.add(c.host);
    for (const e of events) {
      const host = e.source?.host ?? '';
      if (redTeam.has(host)) continue;
      const kind = classifyHost(host);
      if (kind === 'external') external.push(host);
      if (kind === 'internal') {
        internal.push(host);
        if (e.source?.user) accounts.add(e.source.user);
      }
    }
    const files = await fileArtefacts(ctx);
    const c2 = await c2Sessions(ctx);
    const out = [
      '# External Infrastructure',
      '',
      `The following external infrastructure was used to attack ${company}. Traffic to or from these ` +
        'addresses and domains during the engagement can be attributed to the exercise:',
      '',
      bullets(sortHosts(external), 'None recorded.'),
      '',
      '# Internal Infrastructure',
      '',
      'The following internal systems were used as a source of further activity during the engagement:',
      '',
      bullets(sortHosts(internal), 'None recorded.'),
      '',
      ...redTeamSection(redTeam, company),
      '# Compromised Accounts',
      '',
      'The following accounts were used to carry out activity from internal systems:',
      '',
      bullets(
        [...accounts].sort((a, b) => a.localeCompare(b, 'en')),
        'None recorded.',
      ),
      '',
      ...c2,
      '# File Artifacts',
      '',
      `The following files were placed on ${company} systems during the engagement. Files not marked as ` +
        'removed may still be present.',
      '',
    ];
    if (files.length) {
      out.push(
        '<table>',
        '<colgroup>',
        '<col style="width: 21%"/>',
        '<col style="width: 79%"/>',
        '</colgroup>',
        '<thead>',
        '<tr><th>File</th><th>Description</th></tr>',
        '</thead>',
        '<tbody>',
        ...files,
        '</tbody>',
        '</table>',
      );
    } else out.push('*None recorded.*');
    out.push('');
    return { kind: 'markdown', markdown: out.join('\n'), filename: `${ctx.engagement.code}-iocs` };
  },
});
