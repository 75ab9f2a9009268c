import { z } from 'zod';
import { isoDate } from './dates.ts';

/** An engagement code: letters, digits, dot, dash and underscore, starting with a letter or digit. */
export const ENGAGEMENT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const engagementCode = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .regex(
    ENGAGEMENT_CODE_PATTERN,
    'may contain only letters, digits, dot, dash and underscore, starting with a letter or digit',
  )
  .describe('Short unique code of the engagement, e.g. ACME-2026; used in URLs and never changes.');

const engagementFields = {
  code: engagementCode,
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200, 'must be at most 200 characters')
    .describe('Display name of the engagement.'),
  description: z
    .string()
    .max(10_000, 'must be at most 10000 characters')
    .default('')
    .describe('Free text: scope, client contacts, rules of engagement.'),
  start_date: isoDate.describe('First day of the engagement (YYYY-MM-DD).'),
  end_date: isoDate.describe('Last day of the engagement (YYYY-MM-DD), not before the start.'),
};

const endNotBeforeStart = (v: { start_date?: string; end_date?: string }) =>
  !v.start_date || !v.end_date || v.end_date >= v.start_date;
const endMessage = { message: 'End date can not be before the start date', path: ['end_date'] };

export const engagementCreateSchema = z.object(engagementFields).refine(endNotBeforeStart, endMessage);
export type EngagementCreate = z.input<typeof engagementCreateSchema>;

export const engagementUpdateSchema = z
  .object({
    name: engagementFields.name.optional(),
    description: z.string().max(10_000).optional(),
    start_date: isoDate.optional(),
    end_date: isoDate.optional(),
    archived: z.boolean().optional(),
    breach_checks: z
      .boolean()
      .optional()
      .describe('Check the NTLM hashes against breached-password data (off by default; leads only).'),
  })
  .refine(endNotBeforeStart, endMessage);
export type EngagementUpdate = z.input<typeof engagementUpdateSchema>;

export const engagementSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  start_date: z.string(),
  end_date: z.string(),
  archived: z.boolean(),
  breach_checks: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type EngagementDto = z.infer<typeof engagementSchema>;
