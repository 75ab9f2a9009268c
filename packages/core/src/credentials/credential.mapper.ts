import type { CredentialTable } from '@steppingstones/db';
import { toIsoUtc } from '@steppingstones/shared';
import { type CredentialDto, hashTypeName } from '@steppingstones/shared/credentials';
import type { Selectable } from 'kysely';

export type CredentialRow = Omit<
  Selectable<CredentialTable>,
  'system_key' | 'account_key' | 'hash_key' | 'type_key' | 'created_by'
>;

/** The columns a DTO needs (never the identity keys). */
export const DTO_COLUMNS = [
  'id',
  'engagement_id',
  'source',
  'source_time',
  'system',
  'account',
  'secret',
  'hash',
  'hash_type',
  'purpose',
  'enabled',
  'hibp_count',
  'complexity',
  'char_mask',
  'char_mask_effort',
  'structure',
  'created_by_name',
  'created_at',
  'event_id',
  'import_id',
  'c2_action_id',
  'position',
] as const;

const num = (v: number | null) => (v === null ? null : Number(v));

/** A credential for the API; the secret stays masked unless `reveal`. */
export function toCredentialDto(r: CredentialRow, reveal: boolean): CredentialDto {
  const hashType = num(r.hash_type);
  return {
    id: Number(r.id),
    system: r.system,
    account: r.account,
    hash: r.hash,
    hash_type: hashType,
    hash_type_name: hashTypeName(hashType),
    secret: reveal ? r.secret : null,
    has_secret: r.secret !== null,
    purpose: r.purpose,
    source: r.source,
    source_time: r.source_time === null ? null : toIsoUtc(Number(r.source_time)),
    enabled: Boolean(r.enabled),
    hibp_count: num(r.hibp_count),
    complexity: r.complexity,
    char_mask: r.char_mask,
    char_mask_effort: num(r.char_mask_effort),
    structure: r.structure,
    created_by: r.created_by_name,
    created_at: toIsoUtc(Number(r.created_at)),
    event: num(r.event_id),
    import: num(r.import_id),
    c2_action: num(r.c2_action_id),
  };
}
