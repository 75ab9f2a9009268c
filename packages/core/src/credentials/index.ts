export {
  type CredentialPage,
  credentialSystems,
  getCredential,
  listCredentials,
} from './credential.queries.ts';
export {
  createCredential,
  deleteCredentials,
  deleteEngagementCredentials,
  updateCredential,
} from './credential.service.ts';
export { type CredentialPermission, type VaultEngagement, vaultEngagement } from './credential-engagement.ts';
export {
  type IngestActor,
  type IngestCounts,
  type IngestInput,
  type IngestOrigin,
  ingestFindings,
  type VaultFinding,
} from './credential-ingest.service.ts';
export { hashKey, identityKeys } from './credential-keys.ts';
