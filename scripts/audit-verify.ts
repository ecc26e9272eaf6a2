// `npm run audit:verify`: recomputes the audit trail's hash chain, on SQLite or PostgreSQL (DATABASE_URL).
// Prints OK and the number of events, or the first event whose stored hash no longer matches (exit code 1).
import { closeDatabase, databasePath, openAppDatabase } from '@/db/connection';
import { ENGINE } from '@/db/engine';
import { verifyAuditChainOf } from '@/lib/audit-chain';

async function main() {
  const db = openAppDatabase();
  const where = ENGINE === 'postgres' ? 'PostgreSQL' : databasePath();
  try {
    const r = await verifyAuditChainOf(db);
    if (r.ok) {
      console.log(`OK: ${r.count} audit events, hash chain intact (${where})`);
    } else {
      const what = r.reason === 'hash' ? 'its stored hash does not match its content' : 'its prev_hash does not match the previous event (a deleted or inserted event)';
      console.error(`TAMPERED: audit event ${r.firstBadId} is the first bad one: ${what}.`);
      process.exitCode = 1;
    }
  } catch (e) {
    console.error(`audit:verify failed: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 2;
  } finally {
    await closeDatabase(db);
  }
}

void main();
