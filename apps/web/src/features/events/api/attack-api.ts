import type { ListEnvelope } from '@steppingstones/shared';
import type {
  AttackTacticDto,
  AttackTechniqueDetailDto,
  AttackTechniqueSummaryDto,
  SuggestionDto,
} from '@steppingstones/shared/attack';
import { api } from '../../../lib/api-client.ts';
import { fetchList } from '../../../lib/paging.ts';

/** ATT&CK reference data and suggestions (apps/server/src/routes/attack.routes.ts). */

export type { AttackTacticDto, AttackTechniqueDetailDto, SuggestionDto };
export type AttackTechniqueDto = AttackTechniqueSummaryDto;

export function fetchTactics(): Promise<AttackTacticDto[]> {
  return fetchList('/attack/tactics/');
}

export function fetchTechniques(tactic: string): Promise<AttackTechniqueDto[]> {
  return fetchList(`/attack/techniques/?${new URLSearchParams({ tactic })}`);
}

export function fetchTechnique(id: string): Promise<AttackTechniqueDetailDto> {
  return api<AttackTechniqueDetailDto>(`/attack/techniques/${encodeURIComponent(id)}/`);
}

export async function fetchSuggestions(
  body: { description: string; raw_evidence: string },
  signal?: AbortSignal,
): Promise<SuggestionDto[]> {
  return (await api<ListEnvelope<SuggestionDto>>('/suggestions/', { method: 'POST', body, signal })).results;
}

/** attack.mitre.org pages: TA0001 → /tactics/TA0001/, T1003.001 → /techniques/T1003/001/. */
export function attackUrl(id: string): string {
  if (id.startsWith('TA')) return `https://attack.mitre.org/tactics/${id}/`;
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}
