export type { CredentialExtractor, CredentialFinding } from './credential-finding.ts';
