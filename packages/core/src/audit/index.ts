export { type AuditListOptions, listAudit } from './audit.queries.ts';
export { type AuditActor, type AuditInput, recordAudit } from './audit.service.ts';
