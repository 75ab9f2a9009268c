/**
 * One ATT&CK release, normalised: what both input formats (the vendored condensed JSON and a full
 * MITRE STIX bundle) are turned into before they are written to the database.
 */
export interface AttackRelease {
  /** e.g. "MITRE ATT&CK Enterprise". */
  name: string;
  /** The ATT&CK version, e.g. "18.1" (empty when the input does not say). */
  release: string;
  /** ISO timestamp of the newest object, if known. */
  modified: string;
  license: string;
}

export interface DatasetTactic {
  id: string;
  shortname: string;
  name: string;
  matrix_order: number;
  url: string;
  description: string;
}

export interface DatasetTechnique {
  id: string;
  parent_id: string | null;
  name: string;
  url: string;
  description: string;
  detection: string;
  platforms: string[];
  deprecated: boolean;
  /** Tactic ids (`TA0002`). */
  tactic_ids: string[];
  mitigations: Array<{ id: string; description: string }>;
  /** Detection strategy ids (`DET0053`). */
  detection_strategy_ids: string[];
}

export interface DatasetMitigation {
  id: string;
  name: string;
  url: string;
  description: string;
  deprecated: boolean;
}

export interface DatasetAnalytic {
  id: string;
  platforms: string[];
  description: string;
}

export interface DatasetDetectionStrategy {
  id: string;
  name: string;
  url: string;
  deprecated: boolean;
  analytics: DatasetAnalytic[];
}

export interface AttackDataset {
  release: AttackRelease;
  tactics: DatasetTactic[];
  techniques: DatasetTechnique[];
  mitigations: DatasetMitigation[];
  detectionStrategies: DatasetDetectionStrategy[];
}

const SITE = 'https://attack.mitre.org';

/** attack.mitre.org links, for inputs that carry no URL (sub-techniques use `/T1059/001`). */
export const attackUrl = {
  tactic: (id: string) => `${SITE}/tactics/${id}`,
  technique: (id: string) => `${SITE}/techniques/${id.replace('.', '/')}`,
  mitigation: (id: string) => `${SITE}/mitigations/${id}`,
  detectionStrategy: (id: string) => `${SITE}/detectionstrategies/${id}`,
};
