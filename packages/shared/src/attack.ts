import { z } from 'zod';
import { listEnvelope } from './pagination.ts';

/** MITRE ATT&CK reference data and suggestions: the HTTP contract (`@steppingstones/shared/attack`). */

export const attackTacticDtoSchema = z.object({
  id: z.string(),
  shortname: z.string(),
  name: z.string(),
  matrix_order: z.number().int(),
  /** attack.mitre.org page. */
  url: z.string(),
  description: z.string(),
  deprecated: z.boolean(),
});
export type AttackTacticDto = z.infer<typeof attackTacticDtoSchema>;

export const attackTechniqueSummaryDtoSchema = z.object({
  id: z.string(),
  /** The parent technique of a sub-technique, else null. */
  parent_id: z.string().nullable(),
  name: z.string(),
  url: z.string(),
  /** Deprecated or revoked by MITRE, or missing from the imported release; kept so old events stay valid. */
  deprecated: z.boolean(),
});
export type AttackTechniqueSummaryDto = z.infer<typeof attackTechniqueSummaryDtoSchema>;

export const attackTechniqueDetailDtoSchema = attackTechniqueSummaryDtoSchema.extend({
  description: z.string(),
  detection: z.string(),
  platforms: z.array(z.string()),
  tactics: z.array(z.object({ id: z.string(), shortname: z.string(), name: z.string() })),
  subtechniques: z.array(attackTechniqueSummaryDtoSchema),
  mitigations: z.array(
    z.object({ id: z.string(), name: z.string(), url: z.string(), description: z.string() }),
  ),
  detection_strategies: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      url: z.string(),
      analytics: z.array(
        z.object({ id: z.string(), platforms: z.array(z.string()), description: z.string() }),
      ),
    }),
  ),
});
export type AttackTechniqueDetailDto = z.infer<typeof attackTechniqueDetailDtoSchema>;

const boolParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const attackTechniqueQuerySchema = z.object({
  /** Tactic id (`TA0006`) or shortname (`credential-access`). */
  tactic: z.string().max(64).optional(),
  /** Id prefix (`T10`) or part of the name. */
  search: z.string().max(200).optional(),
  /** Also list sub-techniques (default false: the cascading picker lists them per technique). */
  subtechniques: boolParam,
  include_deprecated: boolParam,
});

export const attackTacticQuerySchema = z.object({ include_deprecated: boolParam });

export const attackReleaseDtoSchema = z.object({
  name: z.string(),
  release: z.string(),
  modified: z.string(),
  license: z.string(),
  source: z.string(),
  imported_at: z.string(),
});

export const suggestionRequestSchema = z.object({
  description: z.string().max(1000).optional().nullable(),
  raw_evidence: z.string().optional().nullable(),
  /** The form's current selection: a suggestion equal to it is left out. */
  mitre_attack_tactic: z.string().max(16).optional().nullable(),
  mitre_attack_technique: z.string().max(16).optional().nullable(),
  mitre_attack_subtechnique: z.string().max(16).optional().nullable(),
});
export type SuggestionRequest = z.infer<typeof suggestionRequestSchema>;

export const suggestionDtoSchema = z.object({
  tactic_id: z.string(),
  tactic_name: z.string().nullable(),
  technique_id: z.string().nullable(),
  technique_name: z.string().nullable(),
  subtechnique_id: z.string().nullable(),
  subtechnique_name: z.string().nullable(),
  /** Button label, e.g. "Credential Access – OS Credential Dumping: LSASS Memory". */
  label: z.string(),
  /** A description to offer while the event's description is empty. */
  description: z.string().nullable(),
  rule: z.string(),
  tool: z.string(),
  score: z.number(),
});
export type SuggestionDto = z.infer<typeof suggestionDtoSchema>;

/** Suggestions come as one list, best first, in the envelope every list answers (never more than a page). */
export const suggestionResponseSchema = listEnvelope(suggestionDtoSchema);
