// `npm run backup [-- FILE]`: a consistent copy of the live database while the server keeps serving, by
// the engine's own means. SQLite (DATABASE_URL=file:…, the default): the online backup API, checked with
// integrity_check; default file data/backups/vinhdanh-<time>.db. PostgreSQL (postgres://…): pg_dump
// --format=custom, checked by listing it; default file data/backups/vinhdanh-<time>.dump.
import { backupDatabase, defaultBackupFile } from '@/db/backup';
import { backupPgDatabase } from '@/db/backup-pg';
import { databasePath } from '@/db/connection';
import { ENGINE } from '@/db/engine';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const done =
  ENGINE === 'postgres'
    ? backupPgDatabase(process.env.DATABASE_URL!, process.argv[2] || defaultBackupFile(undefined, undefined, '.dump')).then((r) =>
        console.log(`✓ Backup ${r.file}: ${mb(r.bytes)} MB, ${r.tables} tables, in ${Math.round(r.ms)} ms (pg_dump; pg_restore --list ok)`),
      )
    : backupDatabase(databasePath(), process.argv[2] || defaultBackupFile()).then((r) =>
        console.log(`✓ Backup ${r.file}: ${mb(r.bytes)} MB in ${Math.round(r.ms)} ms (integrity_check ok)`),
      );
done.catch((e) => {
  console.error(`Backup failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
