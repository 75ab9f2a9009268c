import { z } from 'zod';
import { isoTimestamp } from './events.ts';

export * from './credential-hash-types.ts';

const booleanParam = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

export const CREDENTIAL_SORTS = ['system', 'account', 'hash_type', 'created_at'] as const;

const credentialListFields = z.object({
  engagement: z.string().trim().min(1, 'is required'),
  system: z.string().max(200).optional(),
  account: z.string().max(200).optional(),
  hash_type: z.coerce.number().int().optional(),
  cracked: booleanParam.optional(),
  enabled: booleanParam.optional(),
  source: z.string().max(200).optional(),
  search: z.string().max(500, 'must be at most 500 characters').optional(),
  /** Only what this event produced (its tool output's hashes and passwords). */
  event: z.coerce.number().int().positive('must be an event id').optional(),
  reveal: booleanParam.optional(),
  sort: z
    .enum([...CREDENTIAL_SORTS, ...CREDENTIAL_SORTS.map((s) => `-${s}` as const)], {
      message: `must be one of ${CREDENTIAL_SORTS.join(', ')} (prefix - for descending)`,
    })
    .default('system'),
  cursor: z.string().max(2000).optional(),
  page_size: z.coerce
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .optional(),
  /** The same as page_size (DataTables-era clients and scripts say limit). */
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
});
const withPageSize = <T extends { limit?: number | undefined; page_size?: number | undefined }>({
  limit,
  page_size,
  ...rest
}: T) => ({ ...rest, page_size: page_size ?? limit ?? 100 });
export const credentialListQuerySchema = credentialListFields.transform(withPageSize);
/** The list of one event's credentials: the vault list's query, the engagement and event from the path. */
export const eventCredentialListQuerySchema = credentialListFields
  .omit({ engagement: true, event: true })
  .transform(withPageSize);
export type CredentialListQuery = z.output<typeof credentialListQuerySchema>;
export type CredentialFilter = Omit<CredentialListQuery, 'sort' | 'cursor' | 'page_size' | 'reveal'>;

export const credentialDtoSchema = z.object({
  id: z.number().int(),
  system: z.string(),
  account: z.string(),
  hash: z.string(),
  hash_type: z.number().int().nullable(),
  hash_type_name: z.string().nullable(),
  /** Masked (null) unless revealed; `has_secret` says whether there is one. */
  secret: z.string().nullable(),
  has_secret: z.boolean(),
  purpose: z.string(),
  source: z.string().nullable(),
  source_time: z.string().nullable(),
  enabled: z.boolean(),
  hibp_count: z.number().int().nullable(),
  complexity: z.string().nullable(),
  char_mask: z.string().nullable(),
  char_mask_effort: z.number().nullable(),
  structure: z.string().nullable(),
  created_by: z.string(),
  created_at: z.string(),
  event: z.number().int().nullable(),
  import: z.number().int().nullable(),
  c2_action: z.number().int().nullable(),
});
export type CredentialDto = z.infer<typeof credentialDtoSchema>;

export const credentialHistoryEntrySchema = z.object({
  position: z.number().int(),
  hash: z.string(),
  hash_type: z.number().int().nullable(),
  has_secret: z.boolean(),
  secret: z.string().nullable(),
});
export const credentialDetailDtoSchema = credentialDtoSchema.extend({
  history: z.array(credentialHistoryEntrySchema),
});
export type CredentialDetailDto = z.infer<typeof credentialDetailDtoSchema>;

const hashTypeField = z.number().int().min(-1, 'must be a hashcat mode (-1 for unlisted)').nullable();

export const credentialFieldsSchema = z.object({
  system: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  account: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  hash: z.string().trim().max(10_000, 'must be at most 10,000 characters').default(''),
  hash_type: hashTypeField.optional(),
  secret: z.string().max(1000, 'must be at most 1,000 characters').nullable().default(null),
  purpose: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  source: z.string().trim().max(200, 'must be at most 200 characters').nullable().default(null),
  source_time: isoTimestamp.nullable().optional(),
  enabled: z.boolean().default(true),
});
export const credentialCreateSchema = credentialFieldsSchema;
export type CredentialCreateInput = z.input<typeof credentialCreateSchema>;
export const credentialPatchSchema = z
  .object({
    system: z.string().trim().max(200, 'must be at most 200 characters'),
    account: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    hash: z.string().trim().max(10_000, 'must be at most 10,000 characters'),
    hash_type: hashTypeField,
    secret: z.string().max(1000, 'must be at most 1,000 characters').nullable(),
    purpose: z.string().trim().max(200, 'must be at most 200 characters'),
    source: z.string().trim().max(200, 'must be at most 200 characters').nullable(),
    source_time: isoTimestamp.nullable(),
    enabled: z.boolean(),
  })
  .partial();
export type CredentialPatchInput = z.input<typeof credentialPatchSchema>;

export const credentialBulkDeleteSchema = z.object({
  ids: z.array(z.number().int().positive()).min(1, 'name at least one credential').max(10_000),
});

export const credentialSystemSchema = z.object({ system: z.string(), count: z.number().int() });
export const credentialSystemsDtoSchema = z.object({
  total: z.number().int(),
  results: z.array(credentialSystemSchema),
});
export type CredentialSystemsDto = z.infer<typeof credentialSystemsDtoSchema>;

export const DUMP_IMPORT_TYPES = [
  'grep',
  'secretsdump',
  'pwdump',
  'user-hash',
  'user-secret',
  'user-hash-secret',
  'keepass',
] as const;
export type DumpImportType = (typeof DUMP_IMPORT_TYPES)[number];

export const rejectedLineSchema = z.object({ line: z.number().int(), reason: z.string() });
export type RejectedLine = z.infer<typeof rejectedLineSchema>;

export const dumpImportResultSchema = z.object({
  new_hashes: z.number().int(),
  new_secrets: z.number().int(),
  history_hashes: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(rejectedLineSchema),
});
export type DumpImportResult = z.infer<typeof dumpImportResultSchema>;

export const crackedImportResultSchema = z.object({
  cracked_hashes: z.number().int(),
  accounts: z.number().int(),
  unmatched: z.number().int(),
  rejected: z.array(rejectedLineSchema),
});
export type CrackedImportResult = z.infer<typeof crackedImportResultSchema>;

export const dumpImportQuerySchema = z.object({
  engagement: z.string().trim().min(1, 'is required'),
  type: z.enum(DUMP_IMPORT_TYPES, { message: `must be one of ${DUMP_IMPORT_TYPES.join(', ')}` }),
  system: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  hash_type: z.coerce.number().int().min(-1, 'must be a hashcat mode (-1 for unlisted)').optional(),
  filename: z.string().max(255).optional(),
  async: booleanParam.optional(),
});
export type DumpImportQuery = z.output<typeof dumpImportQuerySchema>;

export const hashmobSubmitSchema = z.object({
  algorithm: z.coerce.number().int().optional(),
  founds: z.array(z.string().max(20_000)).max(1_000_000),
});
