// `npm run restore -- FILE`: SQLite — checks a backup (integrity_check, a Vinh Danh schema this version
// knows), keeps a copy of the current database, restores, and applies newer migrations. PostgreSQL —
// pg_restore into the empty database DATABASE_URL names (createdb it first), then newer migrations.
// Stop the servers first.
import { restoreDatabase } from '@/db/backup';
import { restorePgDatabase } from '@/db/backup-pg';
import { databasePath } from '@/db/connection';
import { ENGINE } from '@/db/engine';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- FILE');
  process.exit(2);
}
const done =
  ENGINE === 'postgres'
    ? restorePgDatabase(file, process.env.DATABASE_URL!).then((r) => console.log(`✓ Restored ${file} (pg_restore) in ${Math.round(r.ms)} ms. Start the servers again.`))
    : restoreDatabase(file, databasePath()).then((r) => {
        if (r.previous) console.log(`  the database before the restore is kept in ${r.previous}`);
        console.log(`✓ Restored ${file} into ${databasePath()} in ${Math.round(r.ms)} ms. Start the server again (npm start).`);
      });
done.catch((e) => {
  console.error(`Restore failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
