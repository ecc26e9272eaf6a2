// `npm run audit:verify`: recomputes the audit trail's hash chain. Prints OK and the number of events,
// or the first event whose stored hash no longer matches (exit code 1).
import { databasePath, openDatabase } from '@/db/connection';
import { verifyAuditChain } from '@/lib/audit-chain';

const db = openDatabase();
try {
  const r = verifyAuditChain(db);
  if (r.ok) {
    console.log(`OK: ${r.count} audit events, hash chain intact (${databasePath()})`);
  } else {
    const what = r.reason === 'hash' ? 'its stored hash does not match its content' : 'its prev_hash does not match the previous event (a deleted or inserted event)';
    console.error(`TAMPERED: audit event ${r.firstBadId} is the first bad one: ${what}.`);
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`audit:verify failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 2;
} finally {
  db.$client.close();
}
