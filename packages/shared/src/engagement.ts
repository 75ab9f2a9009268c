import { z } from 'zod';
import { isoDate } from './dates.ts';

export const engagementCode = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'may contain only letters, digits, dot, dash and underscore, starting with a letter or digit',
  );

const engagementFields = {
  code: engagementCode,
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  description: z.string().max(10_000, 'must be at most 10000 characters').default(''),
  start_date: isoDate,
  end_date: isoDate,
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
  created_at: z.string(),
  updated_at: z.string(),
});
export type EngagementDto = z.infer<typeof engagementSchema>;
