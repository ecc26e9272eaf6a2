// `npm run db:seed`: migrate and seed the demo data (idempotent: a second run changes nothing), on the
// engine DATABASE_URL names.
import { closeDatabase, migrateAppDatabase, openAppDatabase } from '@/db/connection';
import { seedDemo } from '@/db/demo';

async function main() {
  const db = openAppDatabase();
  await migrateAppDatabase(db);
  const { seeded } = await seedDemo(db);
  console.log(seeded ? 'Demo data seeded.' : 'Demo data already present; nothing changed.');
  await closeDatabase(db);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
