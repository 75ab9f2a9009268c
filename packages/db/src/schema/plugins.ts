import type { Generated } from 'kysely';

/** `ok` = loaded; `failed` = listed but did not load (see last_error); `missing` = no longer installed. */
export type PluginStatus = 'ok' | 'failed' | 'missing';

/** One installed (or formerly installed) plugin, keyed by its stable id. */
export interface PluginTable {
  id: Generated<number>;
  plugin_id: string;
  package: string;
  name: string;
  version: string;
  description: string;
  status: PluginStatus;
  /** 0 / 1, set by admins; new plugins start enabled. */
  enabled: number;
  last_error: string | null;
  /** Order in steppingstones.plugins.json. */
  position: number;
  created_at: number;
  updated_at: number;
  synced_at: number;
}

/** One point of a plugin: `event-report`, `credential-report`, `eventstream-source`, `background-task`. */
export interface PluginPointTable {
  id: Generated<number>;
  plugin_row_id: number;
  type: string;
  key: string;
  title: string;
  category: string;
  icon: string;
  status: PluginStatus;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface PluginsTables {
  plugin: PluginTable;
  plugin_point: PluginPointTable;
}
