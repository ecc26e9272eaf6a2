// `npm run db:seed`: migrate and seed the demo data (idempotent: a second run changes nothing).
import { migrateDatabase, openDatabase } from '@/db/connection';
import { seedDemo } from '@/db/demo';

async function main() {
  const db = openDatabase();
  migrateDatabase(db);
  const { seeded } = await seedDemo(db);
  console.log(seeded ? 'Demo data seeded.' : 'Demo data already present; nothing changed.');
  db.$client.close();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
