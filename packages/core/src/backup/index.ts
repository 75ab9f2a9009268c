export { assertMayDownloadBackup } from './backup.policy.ts';
export {
  type BackupDownload,
  type BackupDownloadOptions,
  type BackupDownloadRequest,
  downloadBackup,
} from './backup-download.service.ts';
export { backupSqliteOffThread } from './backup-off-thread.ts';
export { backupSqlite, restoreSqlite, verifySqliteBackup } from './sqlite-backup.ts';
