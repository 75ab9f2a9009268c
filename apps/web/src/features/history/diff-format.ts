/** How a revision's before/after values read in the history panel. */

const LABELS: Record<string, string> = {
  start_at: 'Time',
  end_at: 'End time',
  operator_user_id: 'Operator',
  tactic_id: 'Tactic',
  technique_id: 'Technique',
  subtechnique_id: 'Sub-technique',
  deleted: 'Deleted',
  description: 'Description',
  raw_evidence: 'Raw evidence',
  detected: 'Detected',
  prevented: 'Prevented',
  tags: 'Tags',
  mitre_attack_tactic: 'Tactic',
  mitre_attack_technique: 'Technique',
  mitre_attack_subtechnique: 'Sub-technique',
  source: 'Source',
  target: 'Target',
  files: 'Files',
  operator: 'Operator',
  outcome: 'Outcome',
  starred: 'Starred',
};

export function fieldLabel(field: string): string {
  return LABELS[field] ?? field.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/**
 * A file as one event distributed it: its name, then what a shared-file edit can change (size, hashes,
 * description; older revisions hold only size and MD5), then where it was on this host.
 */
function formatFile(f: Record<string, unknown>): string {
  const details = [
    typeof f.size === 'number' ? `${f.size} bytes` : null,
    f.md5 ? `MD5 ${f.md5}` : null,
    f.sha1 ? `SHA-1 ${f.sha1}` : null,
    f.sha256 ? `SHA-256 ${f.sha256}` : null,
    f.description ? `“${f.description}”` : null,
    f.location ? `at ${f.location}` : null,
  ].filter((d): d is string => d !== null);
  const name = details.length ? `${f.filename} [${details.join('; ')}]` : String(f.filename);
  return f.removed ? `${name} (removed)` : name;
}

/**
 * A value as one line of text: empty values say so, times (`*_at`, epoch ms) read as ISO-8601 UTC,
 * contexts as host / user / process, files by name, lists joined, other objects as compact JSON.
 */
export function formatValue(value: unknown, field = ''): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(v)).join(', ') : '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' && field.endsWith('_at')) return new Date(value).toISOString();
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('host' in o && 'user' in o && 'process' in o)
      return [o.host, o.user, o.process].map((v) => (v ? String(v) : '–')).join(' / ');
    if (typeof o.filename === 'string') return formatFile(o);
    return JSON.stringify(value);
  }
  return String(value);
}

export const ACTION_LABELS: Record<string, string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  restore: 'Restored an earlier version',
  undelete: 'Recovered from the trash',
  bulk_update: 'Bulk edit',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
