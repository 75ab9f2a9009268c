import { z } from 'zod';
import { isoDate } from './dates.ts';
import { engagementCode } from './engagement.ts';
import { membershipSchema, roleSlugSchema } from './roles.ts';

export const themeSchema = z.enum(['auto', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

/** An IANA timezone the runtime knows (e.g. `Europe/London`, `UTC`). */
export const timezoneSchema = z
  .string()
  .min(1, 'is required')
  .max(100)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known IANA timezone (e.g. Europe/London)');

export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(150, 'must be at most 150 characters')
  .regex(/^[A-Za-z0-9@.+_-]+$/, 'may contain only letters, digits and @ . + - _');

/** The signed-in user as the web shell sees it. */
export const meSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  is_superuser: z.boolean(),
  /** The codes held in at least one engagement (every code for a superuser): for menus. */
  permissions: z.array(z.string()),
  timezone: z.string().nullable(),
  theme: themeSchema,
  current_engagement: z.string().nullable(),
  /**
   * Each engagement the user may open, with their role there (null for a superuser who is not a member)
   * and the codes they hold in it: what the user may do in one engagement says nothing about another.
   */
  engagements: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      archived: z.boolean(),
      role: roleSlugSchema.nullable(),
      permissions: z.array(z.string()),
    }),
  ),
});
export type Me = z.infer<typeof meSchema>;

export const meResponseSchema = z.object({ user: meSchema, csrfToken: z.string() });
export type MeResponse = z.infer<typeof meResponseSchema>;
/** `GET /auth/session/`: who is signed in, or nobody; a 200 either way, so a signed-out page logs no error. */
export const sessionResponseSchema = z.object({
  user: meSchema.nullable(),
  csrfToken: z.string().nullable(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const loginSchema = z.object({ username: z.string().max(150), password: z.string().max(1024) });
export const preferencesSchema = z.object({
  timezone: timezoneSchema.nullable().optional(),
  theme: themeSchema.optional(),
  current_engagement: z.string().nullable().optional(),
});
export const passwordChangeSchema = z.object({
  current_password: z.string().max(1024),
  new_password: z.string().max(1024),
});

export const setupStatusSchema = z.object({ needed: z.boolean() });
/** The wizard's first step: is this the setup token? (It is not consumed.) */
export const setupTokenCheckSchema = z.object({ token: z.string().max(200) });
export const setupTokenCheckResultSchema = z.object({
  /** True when the token is right and setup is still to be done. */
  valid: z.boolean(),
  /** False once setup is done (no token is valid then). */
  needed: z.boolean(),
});
export const setupSchema = z.object({
  token: z.string().max(200),
  engagement: z.object({
    code: engagementCode,
    name: z.string().trim().min(1, 'is required').max(200),
    start_date: isoDate,
    end_date: isoDate,
    description: z.string().max(10_000).optional(),
  }),
  user: z.object({ username: usernameSchema, password: z.string().max(1024), timezone: timezoneSchema }),
});
export type SetupInput = z.infer<typeof setupSchema>;

export const tokenPairSchema = z.object({ access: z.string(), refresh: z.string() });

export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  /** The engagement codes the token is limited to; null = every engagement of its owner. */
  engagements: z.array(z.string()).nullable(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
});
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;
export const apiTokenCreateSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  permissions: z.array(z.string()).max(100),
  /** Engagement codes to limit the token to; omitted = every engagement of the owner. */
  engagements: z
    .array(z.string().max(100))
    .min(1, 'name at least one engagement, or omit the field')
    .max(1000)
    .optional(),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
});
export const apiTokenCreatedSchema = apiTokenSchema.extend({ token: z.string() });

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  is_active: z.boolean(),
  is_superuser: z.boolean(),
  /** Memberships the viewer may see (a lead sees those in the engagements they lead). */
  memberships: z.array(membershipSchema),
  last_login_at: z.string().nullable(),
  created_at: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;
export const userCreateSchema = z.object({
  username: usernameSchema,
  password: z.string().max(1024),
  display_name: z.string().max(200).optional(),
  is_superuser: z.boolean().optional(),
  is_active: z.boolean().optional(),
  memberships: z.array(membershipSchema).max(1000).optional(),
});
export const userUpdateSchema = z.object({
  display_name: z.string().max(200).optional(),
  is_superuser: z.boolean().optional(),
  is_active: z.boolean().optional(),
  /** Replaces the memberships in the engagements the caller manages; others are kept. */
  memberships: z.array(membershipSchema).max(1000).optional(),
});
export const passwordResetSchema = z.object({ new_password: z.string().max(1024) });

export const roleSchema = z.object({
  slug: roleSlugSchema,
  name: z.string(),
  permissions: z.array(z.string()),
});
export type RoleDto = z.infer<typeof roleSchema>;

export const memberSchema = z.object({
  username: z.string(),
  display_name: z.string(),
  role: roleSlugSchema,
});
export type MemberDto = z.infer<typeof memberSchema>;
/** `PUT …/members/`: the whole list, replacing the current one. */
export const membersSchema = z.object({
  members: z
    .array(z.object({ username: z.string().trim().min(1, 'is required').max(150), role: roleSlugSchema }))
    .max(10_000),
});
/** `POST …/members/`: an existing user by username, or a new one (with `password`) of this engagement only. */
export const memberAddSchema = z.object({
  username: usernameSchema,
  role: roleSlugSchema,
  password: z.string().max(1024).optional(),
  display_name: z.string().max(200).optional(),
});
/** The event form's operator picker. */
export const operatorsResponseSchema = z.object({
  results: z.array(z.object({ id: z.number().int(), username: z.string(), display_name: z.string() })),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  ip: z.string(),
  /** The engagement the entry is about (code), null for instance-wide entries. */
  engagement: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const purgeSchema = z.object({ confirm_code: z.string() });
export const backupRequestSchema = z.object({ password: z.string().max(1024) });
