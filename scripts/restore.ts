// `npm run restore -- FILE`: checks a backup (integrity_check, a Vinh Danh schema this version knows),
// keeps a copy of the current database, restores, and applies newer migrations. Stop the server first.
import { restoreDatabase } from '@/db/backup';
import { databasePath } from '@/db/connection';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- FILE');
  process.exit(2);
}
restoreDatabase(file, databasePath())
  .then((r) => {
    if (r.previous) console.log(`  the database before the restore is kept in ${r.previous}`);
    console.log(`✓ Restored ${file} into ${databasePath()} in ${Math.round(r.ms)} ms. Start the server again (npm start).`);
  })
  .catch((e) => {
    console.error(`Restore failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
