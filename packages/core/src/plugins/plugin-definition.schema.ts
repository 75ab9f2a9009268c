import { type C2SourcePoint, isCompatibleSdkVersion, SDK_VERSION } from '@steppingstones/plugin-sdk';
import { z } from 'zod';
import { isPermissionCode } from '../permissions/index.ts';
import { RESERVED_REPORT_PARAMS } from './plugin-point-types.ts';

/**
 * Validates what a plugin package exports, so a broken plugin fails at load with a message naming the
 * member, instead of at the first render. Functions and zod schemas are checked by shape.
 */
const kebab = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)');
const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');
const zodSchema = z.custom<z.ZodType>(
  (v) => typeof v === 'object' && v !== null && typeof (v as z.ZodType).safeParse === 'function',
  'must be a zod schema',
);
const permissionList = z
  .array(z.string())
  .default([])
  .superRefine((codes, ctx) => {
    for (const code of codes)
      if (!isPermissionCode(code))
        ctx.addIssue({ code: 'custom', message: `unknown permission code "${code}"` });
  });

const paramsSchema = zodSchema.optional().superRefine((schema, ctx) => {
  if (!schema) return;
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (!shape || typeof shape !== 'object') {
    ctx.addIssue({ code: 'custom', message: 'must be a z.object({...})' });
    return;
  }
  for (const name of Object.keys(shape)) {
    if ((RESERVED_REPORT_PARAMS as readonly string[]).includes(name))
      ctx.addIssue({ code: 'custom', message: `the parameter name "${name}" is reserved by the report URL` });
  }
  const defaults = schema.safeParse({});
  if (!defaults.success) {
    const names = defaults.error.issues.map((i) => i.path.join('.')).join(', ');
    ctx.addIssue({ code: 'custom', message: `every parameter needs a default (missing: ${names})` });
  }
});

const menuPoint = {
  key: kebab,
  title: z.string().min(1).max(200),
  category: z.string().max(100).default('Other'),
  icon: z.string().max(100).default('file'),
  description: z.string().default(''),
  hidden: z.boolean().default(false),
  requires: permissionList,
  timeoutMs: z.number().int().min(100).max(300_000).optional(),
};

export const reportPointSchema = z.object({
  ...menuPoint,
  output: z.enum(['html', 'markdown', 'json', 'file', 'chart']),
  opensIn: z.enum(['attack-navigator']).optional(),
  paramsSchema,
  render: fn,
});

export const sourcePointSchema = z.object({
  ...menuPoint,
  accepts: z.object({ extensions: z.array(z.string()), archive: z.boolean().default(false) }),
  paramsSchema,
  parse: fn,
});

export const c2SourcePointSchema = z.object({
  ...menuPoint,
  accepts: z.object({ extensions: z.array(z.string()) }),
  framework: kebab,
  files: z.string().min(1).max(300),
  wants: z.custom<C2SourcePoint['wants']>((v) => typeof v === 'function', 'must be a function'),
  parseFile: z.custom<C2SourcePoint['parseFile']>((v) => typeof v === 'function', 'must be a function'),
  followSplit: z
    .custom<NonNullable<C2SourcePoint['followSplit']>>((v) => typeof v === 'function', 'must be a function')
    .optional(),
});

export const taskPointSchema = z
  .object({
    key: kebab,
    title: z.string().default(''),
    description: z.string().default(''),
    payloadSchema: zodSchema,
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(24 * 3600_000)
      .optional(),
    maxAttempts: z.number().int().min(1).max(100).optional(),
    schedule: z
      .object({
        delaySeconds: z.number().min(0).default(30),
        repeatSeconds: z.number().min(0).default(0),
        replaceExistingTasks: z.boolean().default(true),
      })
      .optional(),
    run: fn,
  })
  .superRefine((task, ctx) => {
    if (task.schedule && !task.payloadSchema.safeParse({}).success)
      ctx.addIssue({
        code: 'custom',
        path: ['payloadSchema'],
        message: 'a scheduled task is run with the payload {}, which its payloadSchema rejects',
      });
  });

function uniqueKeys<T extends { key: string }>(list: T[], ctx: z.RefinementCtx, member: string) {
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.key))
      ctx.addIssue({ code: 'custom', path: [member, i, 'key'], message: `duplicate key "${p.key}"` });
    seen.add(p.key);
  });
}

export const pluginDefinitionSchema = z
  .object({
    id: kebab,
    name: z.string().min(1).max(200),
    version: z.string().min(1).max(50),
    description: z.string().default(''),
    sdkVersion: z.string().refine((v) => isCompatibleSdkVersion(v), {
      message: `is not compatible with this host's plugin SDK ${SDK_VERSION}`,
    }),
    configSchema: zodSchema.optional(),
    eventReports: z.array(reportPointSchema).default([]),
    credentialReports: z.array(reportPointSchema).default([]),
    eventstreamSources: z.array(sourcePointSchema).default([]),
    backgroundTasks: z.array(taskPointSchema).default([]),
    c2Sources: z.array(c2SourcePointSchema).default([]),
  })
  .superRefine((p, ctx) => {
    uniqueKeys(p.eventReports, ctx, 'eventReports');
    uniqueKeys(p.credentialReports, ctx, 'credentialReports');
    uniqueKeys(p.eventstreamSources, ctx, 'eventstreamSources');
    uniqueKeys(p.backgroundTasks, ctx, 'backgroundTasks');
    uniqueKeys(p.c2Sources, ctx, 'c2Sources');
  });

export type ValidatedPlugin = z.output<typeof pluginDefinitionSchema>;
export type ValidatedReportPoint = z.output<typeof reportPointSchema>;
export type ValidatedSourcePoint = z.output<typeof sourcePointSchema>;
export type ValidatedC2SourcePoint = z.output<typeof c2SourcePointSchema>;
export type ValidatedTaskPoint = z.output<typeof taskPointSchema>;
