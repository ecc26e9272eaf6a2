// `npm run import -- --kind individuals|collectives|nominations --file PATH [--round SLUG] [--dry-run] [--user NAME]`
// Runs the same import as the web page, as an administrator (the first active one unless --user names
// another), prints every bad row in Vietnamese, and exits 1 when the file or any row is bad.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { migrateAppDatabase, openAppDatabase } from '@/db/connection';
import { userRoles, users } from '@/db/tables';
import { importSpreadsheet, IMPORT_KINDS, type ImportKind } from '@/lib/import';
import { isDomainError } from '@/lib/errors';
import { loadActor } from '@/lib/users';
import vi from '@/messages/vi.json';
import { first } from '@/db/query';

const fill = (s: string, p: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(p[k] ?? ''));

async function main() {
  const { values } = parseArgs({
    options: { kind: { type: 'string' }, file: { type: 'string' }, round: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, user: { type: 'string' } },
  });
  if (!values.kind || !IMPORT_KINDS.includes(values.kind as ImportKind) || !values.file) {
    console.error('Dùng: npm run import -- --kind individuals|collectives|nominations --file PATH [--round SLUG] [--dry-run] [--user TÊN]');
    process.exit(2);
  }
  // The engine DATABASE_URL names (SQLite file or PostgreSQL), as the app's own db/client.ts opens it.
  const db = openAppDatabase();
  await migrateAppDatabase(db);
  (globalThis as { vinhDanhDb?: unknown }).vinhDanhDb = db;
  const admin = await first(db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, 'admin'), eq(users.active, true), values.user ? eq(users.username, values.user) : undefined))
    .orderBy(users.id));
  const actor = admin ? await loadActor(admin.id) : null;
  if (!actor) {
    console.error('Không tìm thấy tài khoản quản trị đang hoạt động.');
    process.exit(2);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(values.file);
  } catch {
    console.error(`Không đọc được tệp: ${values.file}`);
    process.exit(2);
  }
  try {
    const r = await importSpreadsheet(actor, { kind: values.kind as ImportKind, bytes, roundSlug: values.round, dryRun: values['dry-run'] });
    if (r.fileError) {
      console.error(fill(vi.import.file[r.fileError.code], { columns: (r.fileError.columns ?? []).join(', ') }));
      process.exit(1);
    }
    for (const e of r.errors) console.error(fill(vi.import.rowLine, { row: e.row, column: e.column, reason: vi.import.row[e.code] }));
    const summary = `${r.rows} dòng, ${r.errors.length} lỗi, ${r.written} dòng đã ghi (${r.ms} ms)${r.dryRun ? ' — chạy thử, chưa ghi gì' : ''}.`;
    (r.errors.length ? console.error : console.log)(summary);
    process.exit(r.errors.length ? 1 : 0);
  } catch (e) {
    if (isDomainError(e)) {
      console.error(e.code === 'not_found' ? `Không tìm thấy đợt: ${values.round ?? '(thiếu --round)'}` : `Không thể nhập: ${e.code}`);
      process.exit(1);
    }
    throw e;
  }
}

// Not a top-level await: tsx compiles this file to CommonJS, where one fails (ERR_REQUIRE_ASYNC_MODULE).
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
