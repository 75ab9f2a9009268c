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
export { type VaultAccount, vaultAccounts } from './credential-accounts.queries.ts';
export { type CredentialPermission, type VaultEngagement, vaultEngagement } from './credential-engagement.ts';
export { exportCredentials } from './credential-export.ts';
export {
  type IngestActor,
  type IngestCounts,
  type IngestInput,
  type IngestOrigin,
  ingestFindings,
  type VaultFinding,
} from './credential-ingest.service.ts';
export { hashKey, identityKeys } from './credential-keys.ts';
export { listEventCredentials } from './event-credentials.queries.ts';
export { hashmobCaller, issueHashmobToken } from './hashmob.service.ts';
export {
  CrackMatcher,
  importCracked,
  submitFounds,
} from './import/cracked-import.service.ts';
export { type DumpImportParams, importDump } from './import/dump-import.service.ts';
export { getImport, type ImportStatusDto } from './import/import.queries.ts';
export { type ImportProgress, ImportStoppedError } from './import/import-batches.ts';
export { type ImportInput, ImportTooLargeError } from './import/import-limits.ts';
export {
  CREDENTIAL_IMPORT_MAX_ATTEMPTS,
  CREDENTIAL_IMPORT_TASK,
  CREDENTIAL_IMPORT_TIMEOUT_MS,
  type CredentialImportPayload,
  credentialImportPayloadSchema,
  type QueuedImport,
  queueCredentialImport,
} from './import/import-queue.ts';
export {
  listActionCredentials,
  listLineCredentials,
  type OriginCredentials,
} from './origin-credentials.queries.ts';
