export { type AuditListOptions, listAudit } from './audit.queries.ts';
export { auditVisibleCodes, HIDDEN_ENGAGEMENT, redactAuditEntry } from './audit.redaction.ts';
export { type AuditActor, type AuditInput, recordAudit } from './audit.service.ts';
