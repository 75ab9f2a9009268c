import { z } from 'zod';
import { credentialListQuerySchema } from './credentials.ts';

/** The vault list's filters (without paging or sorting): statistics and aids honour the same ones. */
export const credentialStatsQuerySchema = credentialListQuerySchema.in
  .pick({
    engagement: true,
    system: true,
    account: true,
    hash_type: true,
    cracked: true,
    enabled: true,
    source: true,
    search: true,
    event: true,
  })
  .strip();
export type CredentialStatsQuery = z.output<typeof credentialStatsQuerySchema>;

const counted = z.object({ value: z.string(), count: z.number().int() });

export const credentialStatsDtoSchema = z.object({
  engagement: z.string(),
  unique_user_accounts: z.number().int(),
  cracked_user_accounts: z.number().int(),
  unique_machine_accounts: z.number().int(),
  cracked_machine_accounts: z.number().int(),
  /** Accounts whose known secret is their account name (any case). */
  password_is_username: z.number().int(),
  /** Current credentials per hash type (rows: an account with LM and NT counts in both). */
  hash_types: z.array(
    z.object({
      hash_type: z.number().int().nullable(),
      name: z.string(),
      count: z.number().int(),
      cracked: z.number().int(),
    }),
  ),
  /** Secrets used by two or more accounts (current or earlier hashes), most accounts first. */
  reused: z.array(z.object({ secret: z.string(), accounts: z.number().int() })),
  /** Cracked accounts by the length of their current secret; `null` counts the uncracked accounts. */
  lengths: z.array(z.object({ length: z.number().int().nullable(), count: z.number().int() })),
  /** Cracked accounts by complexity class; `uncracked` counts the rest. */
  complexity: z.array(counted),
  /** Cracked accounts by structure (Letters..Numbers…); `uncracked` counts the rest. */
  structure: z.array(counted),
  /** Words that varied only by appended digits/symbols, over distinct known secrets. */
  prefixes: z.array(counted),
  /** Words that varied only by prepended digits/symbols, over distinct known secrets. */
  suffixes: z.array(counted),
  /** Character masks of known secrets (current and earlier), most common first. */
  masks: z.array(z.object({ mask: z.string(), count: z.number().int(), keyspace: z.number() })),
  /** Hashes found in breach data, highest count first; `secret` is null while not cracked. */
  weakest: z.array(
    z.object({
      secret: z.string().nullable(),
      hash_type: z.number().int().nullable(),
      breach_count: z.number().int(),
      accounts: z.number().int(),
    }),
  ),
  breached_user_accounts: z.number().int(),
  breached_machine_accounts: z.number().int(),
  /** NTLM hashes not yet checked against breach data. */
  breach_checks_pending: z.number().int(),
  /** The same account and hash on two or more systems; null when the filter names a system. */
  reuse_across_systems: z
    .object({
      accounts: z.number().int(),
      cracked: z.number().int(),
      rows: z.array(z.object({ account: z.string(), cracked: z.boolean(), systems: z.array(z.string()) })),
    })
    .nullable(),
});
export type CredentialStatsDto = z.infer<typeof credentialStatsDtoSchema>;

export const CREDENTIAL_AIDS = [
  'uncracked-hashes',
  'pwdump',
  'wordlist',
  'known-secrets',
  'parts',
  'prefixes',
  'suffixes',
  'masklist',
  'prefix-masks',
  'suffix-masks',
] as const;
export type CredentialAid = (typeof CREDENTIAL_AIDS)[number];

export const credentialAidQuerySchema = credentialStatsQuerySchema.extend({
  kind: z
    .enum(['letters', 'numbers', 'symbols', 'all'], { message: 'must be letters, numbers, symbols or all' })
    .default('all'),
  format: z.enum(['wordlist', 'rule'], { message: 'must be wordlist or rule' }).default('wordlist'),
  min_length: z.coerce.number().int().min(1, 'must be at least 1').max(256, 'must be at most 256').default(1),
});
export type CredentialAidQuery = z.output<typeof credentialAidQuerySchema>;
