export { assertMayDownloadBackup } from './backup.policy.ts';
export { backupSqliteOffThread } from './backup-off-thread.ts';
export { backupSqlite, restoreSqlite, verifySqliteBackup } from './sqlite-backup.ts';
