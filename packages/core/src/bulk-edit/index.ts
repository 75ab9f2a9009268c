export { bulkEditEvents } from './bulk-edit.service.ts';
