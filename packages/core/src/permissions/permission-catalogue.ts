/**
 * Every permission code the app knows. Later areas only use these; a plugin that requires an unknown
 * code fails validation at load. Codes are stored in the database and the API: never rename one.
 */
const MODEL_ACTIONS = ['view', 'add', 'change', 'delete'] as const;
const MODELS = ['engagement', 'event', 'context', 'file', 'tag', 'eventstream', 'credential'] as const;

export const PERMISSION_CODES = [
  ...MODELS.flatMap((model) => MODEL_ACTIONS.map((action) => `${model}.${action}` as const)),
  'event.change_limited',
  'report.view',
  'plugin.admin',
  'job.admin',
  'webhook.admin',
  'user.admin',
  'audit.view',
  'backup.download',
] as const;

export type PermissionCode = (typeof PERMISSION_CODES)[number];

const KNOWN = new Set<string>(PERMISSION_CODES);
export function isPermissionCode(code: string): code is PermissionCode {
  return KNOWN.has(code);
}

const OPERATOR_MODELS = ['event', 'context', 'file', 'tag', 'eventstream', 'credential'] as const;
const BLUE_READ_ONLY: PermissionCode[] = [
  'event.view',
  'context.view',
  'file.view',
  'tag.view',
  'report.view',
];

/** The seeded groups, with exactly the original's names (ASCII hyphens). */
export const SEEDED_GROUPS: Record<string, readonly PermissionCode[]> = {
  Administrators: PERMISSION_CODES,
  'Red Team Operators': [
    ...OPERATOR_MODELS.flatMap((model) =>
      MODEL_ACTIONS.map((action) => `${model}.${action}` as PermissionCode),
    ),
    'event.change_limited',
    'report.view',
  ],
  'Client Blue Team - Read Only': BLUE_READ_ONLY,
  'Client Blue Team - Limited Write': [...BLUE_READ_ONLY, 'event.change_limited'],
};
