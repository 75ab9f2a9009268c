export { backupSqlite, restoreSqlite, verifySqliteBackup } from './sqlite-backup.ts';
