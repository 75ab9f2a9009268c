import { api } from '../../../lib/api-client.ts';
import { type ListEnvelope, listItems } from '../../../lib/lists.ts';

/** ATT&CK reference data and suggestions (apps/server/src/routes/attack.routes.ts). */

export interface AttackTacticDto {
  id: string;
  shortname: string;
  name: string;
  url: string;
}

export interface AttackTechniqueDto {
  id: string;
  parent_id: string | null;
  name: string;
  url: string;
}

export interface AttackTechniqueDetailDto extends AttackTechniqueDto {
  subtechniques: AttackTechniqueDto[];
  tactics?: Array<{ id: string; shortname: string; name: string }>;
}

export interface SuggestionDto {
  tactic_id: string | null;
  technique_id: string | null;
  subtechnique_id: string | null;
  description: string | null;
}

type Listish<T> = T[] | ListEnvelope<T>;

export async function fetchTactics(): Promise<AttackTacticDto[]> {
  return listItems(await api<Listish<AttackTacticDto>>('/attack/tactics/'));
}

export async function fetchTechniques(tactic: string): Promise<AttackTechniqueDto[]> {
  const q = new URLSearchParams({ tactic });
  return listItems(await api<Listish<AttackTechniqueDto>>(`/attack/techniques/?${q}`));
}

export function fetchTechnique(id: string): Promise<AttackTechniqueDetailDto> {
  return api<AttackTechniqueDetailDto>(`/attack/techniques/${encodeURIComponent(id)}/`);
}

export async function fetchSuggestions(
  body: { description: string; raw_evidence: string },
  signal?: AbortSignal,
): Promise<SuggestionDto[]> {
  const r = await api<{ results: SuggestionDto[] }>('/suggestions/', { method: 'POST', body, signal });
  return r.results ?? [];
}

/** attack.mitre.org pages: TA0001 → /tactics/TA0001/, T1003.001 → /techniques/T1003/001/. */
export function attackUrl(id: string): string {
  if (id.startsWith('TA')) return `https://attack.mitre.org/tactics/${id}/`;
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}
