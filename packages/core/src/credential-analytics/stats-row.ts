export { NO_HASH_TYPE } from '../credentials/credential-keys.ts';

/** The columns statistics and aids read per credential (current and history rows alike). */
export interface StatsRow {
  id: number;
  system: string;
  account: string;
  system_key: string;
  account_key: string;
  secret: string | null;
  hash: string;
  hash_key: string;
  type_key: number;
  hash_type: number | null;
  hibp_count: number | null;
  position: number | null;
}

export const NTLM = 1000;
export const LM = 3000;
