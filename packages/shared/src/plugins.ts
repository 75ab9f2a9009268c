import { z } from 'zod';

/** The HTTP contract of the plugin framework: menus, admin, report errors. */
export const menuPointTypeSchema = z.enum([
  'event-report',
  'credential-report',
  'eventstream-source',
  'c2-source',
]);
export type MenuPointType = z.infer<typeof menuPointTypeSchema>;

/** One entry of a Reporting / Reports / Sources menu. */
export const pluginMenuItemSchema = z.object({
  type: menuPointTypeSchema,
  plugin: z.string(),
  key: z.string(),
  title: z.string(),
  category: z.string(),
  icon: z.string(),
  description: z.string(),
  /** html | markdown | json | file | chart; null for sources. */
  output: z.string().nullable(),
  /** `attack-navigator`: the report is a Navigator layer the viewer can open there; else null. */
  opens_in: z.enum(['attack-navigator']).nullable().optional(),
  /** JSON Schema of the parameters, with defaults. */
  params: z.record(z.string(), z.unknown()),
});
export type PluginMenuItemDto = z.infer<typeof pluginMenuItemSchema>;

export const pluginStatusSchema = z.enum(['ok', 'failed', 'missing']);

export const pluginPointAdminSchema = z.object({
  type: z.string(),
  key: z.string(),
  title: z.string(),
  category: z.string(),
  icon: z.string(),
  status: pluginStatusSchema,
  enabled: z.boolean(),
});

export const pluginAdminSchema = z.object({
  id: z.string(),
  package: z.string(),
  name: z.string(),
  version: z.string(),
  description: z.string(),
  status: pluginStatusSchema,
  enabled: z.boolean(),
  /** What admins see: ok, failed, missing, or disabled (loaded but switched off). */
  state: z.enum(['ok', 'failed', 'missing', 'disabled']),
  last_error: z.string().nullable(),
  synced_at: z.string(),
  points: z.array(pluginPointAdminSchema),
});
export type PluginAdminDto = z.infer<typeof pluginAdminSchema>;
export type PluginPointAdminDto = z.infer<typeof pluginPointAdminSchema>;

export const pluginEnabledPatchSchema = z.object({ enabled: z.boolean() });
export const pluginPointEnabledPatchSchema = z.object({
  enabled: z.boolean(),
  /** Needed only when the plugin has two points of different types with the same key. */
  type: z
    .enum(['event-report', 'credential-report', 'eventstream-source', 'background-task', 'c2-source'])
    .optional(),
});
