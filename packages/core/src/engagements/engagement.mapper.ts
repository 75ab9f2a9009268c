import type { EngagementTable } from '@steppingstones/db';
import { type EngagementDto, toIsoUtc } from '@steppingstones/shared';
import type { Selectable } from 'kysely';

export function toEngagementDto(row: Selectable<EngagementTable>): EngagementDto {
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    description: row.description,
    start_date: row.start_date,
    end_date: row.end_date,
    archived: Boolean(row.archived),
    breach_checks: Boolean(row.breach_checks),
    created_at: toIsoUtc(Number(row.created_at)),
    updated_at: toIsoUtc(Number(row.updated_at)),
  };
}
