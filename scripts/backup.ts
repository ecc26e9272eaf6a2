// `npm run backup [-- FILE]`: a consistent copy of the live database while the server keeps serving
// (SQLite online backup), checked with integrity_check. Default: data/backups/vinhdanh-<time>.db.
import { backupDatabase, defaultBackupFile } from '@/db/backup';
import { databasePath } from '@/db/connection';

const dest = process.argv[2] || defaultBackupFile();
backupDatabase(databasePath(), dest)
  .then((r) => console.log(`✓ Backup ${r.file}: ${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${Math.round(r.ms)} ms (integrity_check ok)`))
  .catch((e) => {
    console.error(`Backup failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
