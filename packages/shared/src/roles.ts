import { z } from 'zod';

/**
 * Every permission code the app knows. Codes are stored in the database and the API: never rename one.
 * A plugin that requires an unknown code fails validation at load.
 */
const MODEL_ACTIONS = ['view', 'add', 'change', 'delete'] as const;
const MODELS = ['engagement', 'event', 'context', 'file', 'tag', 'eventstream', 'credential', 'c2'] as const;

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

/** The roles a membership carries, most privileged first. Slugs are stored and in the API: never rename one. */
export const ROLE_SLUGS = ['lead', 'operator', 'blue-limited-write', 'blue-read-only'] as const;
export const roleSlugSchema = z.enum(ROLE_SLUGS, {
  error: `must be one of ${ROLE_SLUGS.join(', ')}`,
});
export type RoleSlug = z.infer<typeof roleSlugSchema>;

export const ROLE_NAMES: Record<RoleSlug, string> = {
  lead: 'Engagement Lead',
  operator: 'Red Team Operators',
  'blue-read-only': 'Client Blue Team - Read Only',
  'blue-limited-write': 'Client Blue Team - Limited Write',
};

const OPERATOR_MODELS = ['event', 'context', 'file', 'tag', 'eventstream', 'credential', 'c2'] as const;
const BLUE_READ_ONLY: PermissionCode[] = [
  'event.view',
  'context.view',
  'file.view',
  'tag.view',
  'report.view',
];
const OPERATOR: PermissionCode[] = [
  ...OPERATOR_MODELS.flatMap((model) => MODEL_ACTIONS.map((action) => `${model}.${action}` as const)),
  'event.change_limited',
  'report.view',
];

/**
 * What each role may do in the engagement it is held in (and nowhere else). `user.admin` held by a lead
 * means managing that engagement's members. Instance administration (plugins, backups, creating and
 * purging engagements, every job, webhook and audit entry) belongs to superusers, who hold every code
 * in every engagement; no role grants `plugin.admin`, `backup.download`, `engagement.add` or
 * `engagement.delete`.
 */
export const ROLE_PERMISSIONS: Record<RoleSlug, readonly PermissionCode[]> = {
  lead: [
    'engagement.view',
    'engagement.change',
    ...OPERATOR,
    'webhook.admin',
    'job.admin',
    'audit.view',
    'user.admin',
  ],
  operator: OPERATOR,
  'blue-limited-write': [...BLUE_READ_ONLY, 'event.change_limited'],
  'blue-read-only': BLUE_READ_ONLY,
};

/** A role by its slug or its display name (case-insensitive), as the CLI and older clients name it. */
export function parseRole(name: string): RoleSlug | null {
  const key = name.trim().toLowerCase();
  for (const slug of ROLE_SLUGS) if (slug === key || ROLE_NAMES[slug].toLowerCase() === key) return slug;
  return null;
}

/** The more privileged of two roles. */
export function higherRole(a: RoleSlug, b: RoleSlug): RoleSlug {
  return ROLE_SLUGS.indexOf(a) <= ROLE_SLUGS.indexOf(b) ? a : b;
}

export const membershipSchema = z.object({
  engagement: z.string().trim().min(1, 'is required').max(100),
  role: roleSlugSchema,
});
export type Membership = z.infer<typeof membershipSchema>;
