/**
 * MITRE ATT&CK reference data (Enterprise). Ids are MITRE's own (`TA0001`, `T1059`, `T1059.001`,
 * `M1031`, `DET0053`, `AN0144`), so events store them as plain text and keep valid references when a
 * newer release is imported: rows missing from a release are marked deprecated, never deleted.
 */
export interface AttackTacticTable {
  id: string;
  /** The natural key used by STIX kill chain phases, e.g. `initial-access`. */
  shortname: string;
  name: string;
  /** Position in the Enterprise matrix (1-based). */
  matrix_order: number;
  url: string;
  description: string;
  deprecated: number;
}

export interface AttackTechniqueTable {
  /** `T1059`, or `T1059.001` for a sub-technique. */
  id: string;
  /** The parent technique of a sub-technique, else null. */
  parent_id: string | null;
  name: string;
  url: string;
  description: string;
  /** Legacy free-text detection advice (`x_mitre_detection`); mostly empty since ATT&CK v18. */
  detection: string;
  /** JSON array of platform names. */
  platforms: string;
  /** 1 when MITRE deprecated or revoked it, or when a newer import no longer contains it. */
  deprecated: number;
}

export interface AttackTechniqueTacticTable {
  technique_id: string;
  tactic_id: string;
}

export interface AttackMitigationTable {
  id: string;
  name: string;
  url: string;
  description: string;
  deprecated: number;
}

export interface AttackTechniqueMitigationTable {
  technique_id: string;
  mitigation_id: string;
  /** How this mitigation applies to this technique (the `mitigates` relationship text), may be empty. */
  description: string;
}

export interface AttackDetectionStrategyTable {
  id: string;
  name: string;
  url: string;
  deprecated: number;
}

export interface AttackTechniqueDetectionTable {
  technique_id: string;
  strategy_id: string;
}

export interface AttackAnalyticTable {
  id: string;
  strategy_id: string;
  /** Order within its detection strategy. */
  position: number;
  /** JSON array of platform names. */
  platforms: string;
  description: string;
}

export interface AttackTables {
  attack_tactic: AttackTacticTable;
  attack_technique: AttackTechniqueTable;
  attack_technique_tactic: AttackTechniqueTacticTable;
  attack_mitigation: AttackMitigationTable;
  attack_technique_mitigation: AttackTechniqueMitigationTable;
  attack_detection_strategy: AttackDetectionStrategyTable;
  attack_technique_detection: AttackTechniqueDetectionTable;
  attack_analytic: AttackAnalyticTable;
}
