// One life of the crash test: imports spreadsheets or decides and publishes rounds in a loop, printing
// each finished step, until the test kills it with SIGKILL at a random moment. On the database DATABASE_URL
// names: a SQLite file, or a PostgreSQL database.
// Run with: node --import tsx --conditions=react-server tests/crash-worker.ts import|publish ADMIN_ID [IMPORT_ROWS]
// (the test runs it bundled: tests/worker-bundle.ts)
import { and, asc, like } from 'drizzle-orm';
import { openAppDatabase } from '@/db/connection';
import { rounds } from '@/db/tables';
import { importSpreadsheet } from '@/lib/import';
import { loadActor } from '@/lib/users';
import { decideRound, transitionRound } from '@/lib/workflow';

const [mode, adminId, IMPORT_ROWS] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4] || 1000)];
const db = openAppDatabase();
(globalThis as { vinhDanhDb?: unknown }).vinhDanhDb = db;

function csv(batch: string): Uint8Array {
  const rows = ['Họ và tên,Giới tính,Năm sinh,Chức vụ,Đơn vị,Đảng viên'];
  for (let i = 0; i < IMPORT_ROWS; i++) rows.push(`Người Thử ${batch} ${i},Nam,1980,Tổ trưởng,Phường Tân Phong,Có`);
  return new TextEncoder().encode(rows.join('\n'));
}

async function main() {
  // Loaded here, not at the top level: tsx runs this file as CommonJS.
  const admin = await loadActor(adminId);
  // Warm up (module loading, JIT) without writing, so the random kill times spread over real work.
  await importSpreadsheet(admin, { kind: 'individuals', bytes: csv('warm-up').slice(0, 2000), dryRun: true });
  console.log('ready');
  for (;;) {
    if (mode === 'import') {
      const batch = `${process.pid}-${Date.now()}`;
      console.log(`begin ${batch}`);
      const r = await importSpreadsheet(admin, { kind: 'individuals', bytes: csv(batch), dryRun: false });
      console.log(`imported ${batch} ${r.written ?? 0} ${r.fileError?.code ?? ''} ${r.errors.length}`);
    } else {
      const next = (await db.select({ id: rounds.id, status: rounds.status }).from(rounds).where(and(like(rounds.slug, 'crash-%'))).orderBy(asc(rounds.id))).find((r) => r.status !== 'published');
      if (!next) {
        console.log('all published');
        await new Promise((r) => setTimeout(r, 60_000));
        continue;
      }
      console.log(`begin ${next.id}`);
      if (next.status === 'reviewing') await decideRound(admin, next.id, { decisionNumber: `${next.id}/QĐ-UBND`, decisionDate: '2026-11-20', decisionSigner: 'Chủ tịch UBND Quận 7' });
      await transitionRound(admin, next.id, 'published');
      console.log(`published ${next.id}`);
    }
  }
}

main().catch((e) => {
  console.log(`error ${e instanceof Error ? `${e.name} ${e.message}` : e}`);
  process.exit(3);
});
