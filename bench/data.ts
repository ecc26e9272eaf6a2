// `npm run bench:data -- --scale district|city|nation [--out FILE]`: a synthetic database for the
// benchmarks, the same on every machine (fixed seed). The schema comes from the real migrations; rows
// keep the invariants the app relies on (materialised unit paths, folded NFC names, one nominee per
// nomination, awards only for approved nominations of decided rounds with frozen names and ordinals).
// Rows are written with prepared statements in one transaction, journal in memory, no fsync, secondary indexes of
// the big tables dropped and rebuilt at the end — then WAL is restored as the app expects.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase, withTransaction, type DB } from '@/db/connection';
import { COLLECTIVE_SUMMARIES, FAMILY_NAMES, GIVEN_NAMES, INDIVIDUAL_SUMMARIES, MIDDLE_NAMES, POSITIONS } from '@/db/demo/data';
import { createRng } from '@/db/demo/random';
import type { Gender, NominationStatus, RoundStatus, UnitKind } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { hashPassword } from '@/lib/auth/password';
import { compareVi, fold, slugify } from '@/lib/text';
import { BENCH_PASSWORD, SCALES, benchDatabaseFile, type Scale } from './scales';
import { copyToPostgres } from './to-postgres';

const PROVINCES = [
  'Hà Nội', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Cao Bằng',
  'Tuyên Quang', 'Lào Cai', 'Thái Nguyên', 'Phú Thọ', 'Bắc Ninh', 'Hưng Yên', 'Hải Phòng', 'Ninh Bình', 'Quảng Trị', 'Đà Nẵng',
  'Quảng Ngãi', 'Gia Lai', 'Khánh Hòa', 'Lâm Đồng', 'Đắk Lắk', 'Hồ Chí Minh', 'Đồng Nai', 'Tây Ninh', 'Cần Thơ', 'Vĩnh Long',
  'Đồng Tháp', 'Cà Mau', 'An Giang',
] as const;
const CITIES = new Set(['Hà Nội', 'Huế', 'Hải Phòng', 'Đà Nẵng', 'Hồ Chí Minh', 'Cần Thơ']);
const SYLLABLES = [
  'Tân', 'Phú', 'Bình', 'An', 'Hòa', 'Long', 'Thạnh', 'Mỹ', 'Đông', 'Tây', 'Hưng', 'Phước', 'Thuận', 'Vĩnh', 'Hiệp', 'Lộc', 'Trung',
  'Nam', 'Bắc', 'Sơn', 'Hải', 'Thủy', 'Quang', 'Minh', 'Đức', 'Thành', 'Xuân', 'Hội', 'Lạc', 'Yên', 'Định', 'Thịnh', 'Cát', 'Lâm',
  'Kim', 'Ngọc', 'Hà', 'Phong', 'Thái', 'Gia',
] as const;
const DEPARTMENTS = [
  'Nội vụ', 'Giáo dục và Đào tạo', 'Y tế', 'Tài chính', 'Tư pháp', 'Văn hóa, Thể thao và Du lịch', 'Xây dựng',
  'Nông nghiệp và Môi trường', 'Công Thương', 'Khoa học và Công nghệ',
] as const;
const THEMES = [
  (y: number) => `Tổng kết phong trào thi đua yêu nước năm ${y}`,
  (y: number) => `Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (${y - 3}–${y})`,
  (y: number) => `Điển hình học tập và làm theo Bác năm ${y}`,
  (y: number) => `Thành tích phòng, chống thiên tai năm ${y}`,
  (y: number) => `Tổng kết năm học ${y - 1}–${y}`,
  (y: number) => `Phong trào “Dân vận khéo” năm ${y}`,
] as const;

type Unit = { id: number; name: string; shortName: string | null; kind: UnitKind; parentId: number | null; path: string; depth: number; group: number };

function timed<T>(label: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  console.log(`  ${label.padEnd(34)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

async function generate(scale: Scale, file: string): Promise<{ seconds: number; bytes: number }> {
  const t0 = performance.now();
  const spec = SCALES[scale];
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
  const db = openDatabase(`file:${file}`);
  migrateDatabase(db);
  const sqlite = db.$client;
  // better-sqlite3 runs SQLite in defensive mode, which refuses journal_mode=OFF: MEMORY is next best.
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF'); // every reference is built from ids written just before
  sqlite.pragma('cache_size = -1000000');
  sqlite.pragma('temp_store = MEMORY');
  const hash = await hashPassword(BENCH_PASSWORD);
  const rng = createRng(20260101);
  const int = (n: number) => Math.floor(rng.next() * n);
  const hex8 = () => (Math.floor(rng.next() * 0x100000000) >>> 0).toString(16).padStart(8, '0');

  // Secondary indexes of the big tables slow bulk inserts: drop them, recreate the same ones after.
  const bigTables = ['individuals', 'collectives', 'nominations', 'awards'];
  const indexSql = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${bigTables.map(() => '?').join(',')})`)
    .all(...bigTables) as Array<{ name: string; sql: string }>;

  const now = Date.UTC(2026, 0, 15, 2);
  const day = 86_400_000;
  const today = Math.floor(Date.now() / day) * day;
  await withTransaction(db, async () => {
    for (const i of indexSql) sqlite.exec(`DROP INDEX "${i.name}"`);

    // ---- units: a root, then (nation) provinces, departments, communes/wards and their quarters.
    const units: Unit[] = timed('units', () => buildUnits(spec.units, scale));
    const insUnit = sqlite.prepare('INSERT INTO units (id, slug, name, short_name, kind, parent_id, path, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)');
    const insUnitName = sqlite.prepare('INSERT INTO unit_names (unit_id, name, valid_from) VALUES (?, ?, ?)');
    const slugs = new Set<string>();
    for (const u of units) {
      let slug = slugify(u.name);
      while (slugs.has(slug)) slug = `${slugify(u.name).slice(0, 70)}-${u.id}`;
      slugs.add(slug);
      insUnit.run(u.id, slug, u.name, u.shortName, u.kind, u.parentId, u.path, now - 3000 * day);
      insUnitName.run(u.id, u.name, Date.UTC(2020, 0, 1));
    }
    const byId = new Map(units.map((u) => [u.id, u]));
    const groups = [...new Set(units.map((u) => u.group))].map((g) => byId.get(g)!).filter((g) => units.some((u) => u.group === g.id && u.id !== g.id));
    const root = units[0];

    // ---- users: the accounts the bench signs in with (one password, known to the bench).
    const insUser = sqlite.prepare('INSERT INTO users (id, username, display_name, password_hash, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const insRole = sqlite.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
    const officerUnit = units.find((u) => u.depth === root.depth + (scale === 'nation' ? 2 : 1) && (u.kind === 'ward' || u.kind === 'other'))!;
    const accounts = [
      ['admin', 'Lâm Quốc Khải', root.id, 'admin'],
      ['reviewer', 'Trương Thị Mỹ Hạnh', root.id, 'reviewer'],
      ['approver', 'Đoàn Minh Thịnh', root.id, 'approver'],
      ['officer', 'Châu Ngọc Diễm', officerUnit.id, 'officer'],
    ] as const;
    accounts.forEach(([username, name, unitId, role], i) => {
      insUser.run(i + 1, username, name, hash, unitId, now - 1000 * day);
      insRole.run(i + 1, role);
    });
    const [officerId, reviewerId, approverId] = [4, 2, 3];

    // ---- people, group by group (province, or the whole tree), so a group's ids form one range.
    const members = new Map<number, Unit[]>();
    for (const u of units) if (u.id !== u.group && u.depth > 0) (members.get(u.group) ?? members.set(u.group, []).get(u.group)!).push(u);
    const share = (total: number) => {
      const all = groups.reduce((s, g) => s + members.get(g.id)!.length, 0);
      let left = total;
      return groups.map((g, i) => {
        const n = i === groups.length - 1 ? left : Math.round((total * members.get(g.id)!.length) / all);
        left -= n;
        return n;
      });
    };
    type Person = { name: string; gender: Gender; position: string; unit: number; party: boolean };
    const people: Person[] = [];
    const individualRange = new Map<number, [number, number]>();
    const folded = new Map<string, string>();
    const foldCached = (s: string) => folded.get(s) ?? (folded.set(s, fold(s)), folded.get(s)!);
    timed(`individuals (${spec.individuals.toLocaleString('en')})`, () => {
      const ins = sqlite.prepare('INSERT INTO individuals (id, full_name, name_folded, gender, birth_year, position, unit_id, party_member, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)');
      const counts = share(spec.individuals);
      groups.forEach((g, gi) => {
        const pool = members.get(g.id)!;
        const start = people.length + 1;
        for (let k = 0; k < counts[gi]; k++) {
          const unit = pool[int(pool.length)];
          const gender: Gender = rng.chance(0.48) ? 'female' : 'male';
          const name = `${rng.pick(FAMILY_NAMES)} ${rng.pick(MIDDLE_NAMES[gender])} ${rng.pick(GIVEN_NAMES[gender])}`;
          const position = rng.pick(POSITIONS[unit.kind]);
          const party = unit.kind === 'party_cell' || rng.chance(0.6);
          people.push({ name, gender, position, unit: unit.id, party });
          ins.run(people.length, name, foldCached(name), gender, 1960 + int(40), position, unit.id, party ? 1 : 0, now - int(3000) * day);
        }
        individualRange.set(g.id, [start, people.length]);
      });
    });
    type Group = { name: string; unit: number };
    const groupsOf: Group[] = [];
    const collectiveRange = new Map<number, [number, number]>();
    timed(`collectives (${spec.collectives.toLocaleString('en')})`, () => {
      const ins = sqlite.prepare('INSERT INTO collectives (id, name, name_folded, unit_id, kind, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)');
      const perUnit = new Map<number, number>();
      const counts = share(spec.collectives);
      groups.forEach((g, gi) => {
        const pool = members.get(g.id)!;
        const start = groupsOf.length + 1;
        for (let k = 0; k < counts[gi]; k++) {
          const unit = pool[int(pool.length)];
          const c = perUnit.get(unit.id) ?? 0;
          perUnit.set(unit.id, c + 1);
          const name = collectiveName(unit, c);
          groupsOf.push({ name, unit: unit.id });
          ins.run(groupsOf.length, name, fold(name), unit.id, unit.kind, now - int(3000) * day);
        }
        collectiveRange.set(g.id, [start, groupsOf.length]);
      });
    });

    // ---- rounds: most published, some decided, in review, open or draft; run by the root or a group.
    type Round = { id: number; status: RoundStatus; unit: Unit; year: number; nominations: number; approved: number };
    const statusOf = (i: number): RoundStatus => {
      const r = (i * 7919) % 100; // spread deterministically over the list
      return r < 88 ? 'published' : r < 91 ? 'decided' : r < 95 ? 'reviewing' : r < 99 ? 'open' : 'draft';
    };
    const roundList: Round[] = [];
    for (let i = 0; i < spec.rounds; i++) {
      const status = statusOf(i);
      const byRoot = groups.length === 1 || i % 10 === 0;
      const unit = byRoot ? root : groups[int(groups.length)];
      const year = status === 'published' || status === 'decided' ? 2016 + int(10) : 2026;
      roundList.push({ id: i + 1, status, unit, year, nominations: 0, approved: 0 });
    }
    // Nominations spread over the rounds that have any (not drafts), 0.3×–1.7× the mean each.
    const active = roundList.filter((r) => r.status !== 'draft');
    const weights = active.map(() => 0.3 + 1.4 * rng.next());
    const wsum = weights.reduce((a, b) => a + b, 0);
    let left = spec.nominations;
    active.forEach((r, i) => {
      r.nominations = i === active.length - 1 ? left : Math.min(left, Math.round((spec.nominations * weights[i]) / wsum));
      left -= r.nominations;
    });
    // Exactly `awards` approvals across decided and published rounds.
    const deciding = active.filter((r) => r.status === 'published' || r.status === 'decided');
    const decidedNoms = deciding.reduce((s, r) => s + r.nominations, 0);
    let awardsLeft = spec.awards;
    deciding.forEach((r, i) => {
      r.approved = i === deciding.length - 1 ? awardsLeft : Math.min(awardsLeft, r.nominations, Math.round((r.nominations * spec.awards) / decidedNoms));
      awardsLeft -= r.approved;
    });

    const insRound = sqlite.prepare(`INSERT INTO rounds (id, slug, title, theme, period, authority, award_form, criteria, unit_id, status, source,
      window_opens_at, window_closes_at, decision_number, decision_date, decision_signer, decision_place, decided_at, published_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'workflow', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insNom = sqlite.prepare(`INSERT INTO nominations (id, round_id, nominee_kind, collective_id, individual_id, unit_id, summary, status,
      created_by, submitted_by, submitted_at, checked_by, checked_at, decided_by, decided_at, vote_for, vote_against, vote_total, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insAward = sqlite.prepare(`INSERT INTO awards (public_id, round_id, nomination_id, nominee_kind, collective_id, individual_id, ordinal, name,
      position, unit_id, unit_name, summary, gender, party_member, revoked_at, revoked_by, revoke_reason, revoke_decision, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    let nominationId = 0;
    let awardCount = 0;
    const publicIds = new Set<string>();
    timed(`rounds, nominations, awards (${spec.nominations.toLocaleString('en')})`, () => {
      for (const r of roundList) {
        const decided = r.status === 'published' || r.status === 'decided';
        // Open rounds are open today (as in the demo data), so officers could still nominate.
        const opens = decided ? Date.UTC(r.year, 3, 1) : today - 30 * day;
        const closes = decided ? Date.UTC(r.year, 3, 30) : today + 60 * day;
        const decidedAt = Date.UTC(r.year, 4, 20);
        const theme = THEMES[r.id % THEMES.length](r.year);
        const title = `${theme} — ${r.unit.shortName ?? r.unit.name}`;
        const authority = `Chủ tịch ${r.unit.name}`;
        insRound.run(
          r.id, `${slugify(title).slice(0, 70)}-${r.id}`, title, theme, String(r.year), authority, r.id % 3 ? 'Giấy khen' : 'Bằng khen',
          'Tập thể, cá nhân có thành tích tiêu biểu, xuất sắc, được đơn vị bình xét và đề nghị.', r.unit.id, r.status, r.status === 'draft' ? null : opens,
          r.status === 'draft' ? null : closes, decided ? `${100 + r.id}/QĐ-UBND` : null, decided ? new Date(decidedAt).toISOString().slice(0, 10) : null,
          decided ? 'Võ Thanh Sơn' : null, decided ? r.unit.shortName ?? r.unit.name : null, decided ? decidedAt : null,
          r.status === 'published' ? decidedAt + 5 * day : null, opens - 10 * day, decided ? decidedAt : now - day,
        );
        if (r.nominations === 0) continue;
        // Nominees from the round unit's subtree, never twice in one round; ~30% collectives.
        const [iLo, iHi] = r.unit === root ? [1, people.length] : individualRange.get(r.unit.id)!;
        const [cLo, cHi] = r.unit === root ? [1, groupsOf.length] : collectiveRange.get(r.unit.id)!;
        const seen = new Set<number>();
        const rows: Array<{ id: number; kind: 'collective' | 'individual'; nominee: number; unitName: string; unitId: number; name: string; summary: string }> = [];
        const approvedAt = new Set<number>();
        // Which nominations are approved (decided rounds): the first `approved` of a shuffled order.
        const order = Array.from({ length: r.nominations }, (_, k) => k);
        for (let k = order.length - 1; k > 0; k--) {
          const j = int(k + 1);
          [order[k], order[j]] = [order[j], order[k]];
        }
        for (let k = 0; k < r.approved; k++) approvedAt.add(order[k]);
        for (let k = 0; k < r.nominations; k++) {
          const collective = rng.chance(0.3) && cHi >= cLo;
          let nominee: number;
          do nominee = collective ? cLo + int(cHi - cLo + 1) : iLo + int(iHi - iLo + 1);
          while (seen.has(collective ? -nominee : nominee));
          seen.add(collective ? -nominee : nominee);
          const nomineeUnit = byId.get(collective ? groupsOf[nominee - 1].unit : people[nominee - 1].unit)!;
          const nominating = ancestorAt(nomineeUnit, r.unit.depth + 1, byId);
          const status: NominationStatus = decided ? (approvedAt.has(k) ? 'approved' : 'rejected') : pickStatus(r.status, rng.next());
          const submitted = status !== 'draft';
          const checked = status === 'checked' || status === 'approved' || status === 'rejected';
          const isDecided = status === 'approved' || status === 'rejected';
          const votes = status === 'approved' ? 7 + int(3) : 2 + int(3);
          const t = opens + int(20) * day + int(day);
          const summary = collective ? COLLECTIVE_SUMMARIES[int(COLLECTIVE_SUMMARIES.length)] : INDIVIDUAL_SUMMARIES[int(INDIVIDUAL_SUMMARIES.length)];
          nominationId++;
          insNom.run(
            nominationId, r.id, collective ? 'collective' : 'individual', collective ? nominee : null, collective ? null : nominee, nominating.id, summary, status,
            officerId, submitted ? officerId : null, submitted ? t + day : null, checked ? reviewerId : null, checked ? t + 5 * day : null,
            isDecided ? approverId : null, isDecided ? t + 10 * day : null, isDecided ? votes : null, isDecided ? 9 - votes : null, isDecided ? 9 : null,
            t, t + 10 * day,
          );
          if (status === 'approved' && decided) {
            rows.push({ id: nominationId, kind: collective ? 'collective' : 'individual', nominee, unitId: nomineeUnit.id, unitName: nomineeUnit.name, name: collective ? groupsOf[nominee - 1].name : people[nominee - 1].name, summary });
          }
        }
        // The decision's list: per kind, by unit then name (Vietnamese order), numbered from 1.
        for (const kind of ['collective', 'individual'] as const) {
          const list = rows.filter((x) => x.kind === kind).sort((a, b) => compareVi(a.unitName, b.unitName) || compareVi(a.name, b.name));
          list.forEach((x, i) => {
            let publicId: string;
            do publicId = hex8() + hex8();
            while (publicIds.has(publicId));
            publicIds.add(publicId);
            const p = kind === 'individual' ? people[x.nominee - 1] : null;
            const revoked = awardCount % 997 === 500;
            awardCount++;
            insAward.run(
              publicId, r.id, x.id, kind, kind === 'collective' ? x.nominee : null, kind === 'individual' ? x.nominee : null, i + 1, x.name, p?.position ?? null,
              x.unitId, x.unitName, x.summary, p?.gender ?? null, p ? (p.party ? 1 : 0) : null, revoked ? decidedAt + 200 * day : null, revoked ? 1 : null,
              revoked ? 'Phát hiện thành tích kê khai không đúng sự thật.' : null, revoked ? `${900 + r.id}/QĐ-UBND` : null, decidedAt,
            );
          });
        }
      }
    });
    timed('indexes', () => {
      for (const i of indexSql) sqlite.exec(i.sql);
    });
    await appendAudit(db, {
      actorId: null,
      action: 'seed.bench',
      entityType: 'database',
      after: { scale, units: units.length, individuals: people.length, collectives: groupsOf.length, rounds: roundList.length, nominations: nominationId, awards: awardCount },
    });
    sqlite.prepare("INSERT INTO settings (key, value) VALUES ('bench_seed', ?)").run(JSON.stringify({ scale, at: new Date().toISOString() }));
  });

  await rebuildSearchIfPresent(db);
  timed('analyze', () => sqlite.exec('ANALYZE'));
  sqlite.pragma('foreign_keys = ON');
  const fk = sqlite.pragma('foreign_key_check') as unknown[];
  if (fk.length) throw new Error(`bench data: ${fk.length} broken references`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  return { seconds: (performance.now() - t0) / 1000, bytes: fs.statSync(file).size };
}

/** Public search (lib/search-index.ts, issue 6) keeps an FTS table; fill it when that module exists. */
async function rebuildSearchIfPresent(db: DB): Promise<void> {
  if (!['ts', 'tsx'].some((ext) => fs.existsSync(path.join(process.cwd(), 'lib', `search-index.${ext}`)))) {
    console.log('  search index                       (lib/search-index.ts not present: skipped)');
    return;
  }
  const mod = (await import('@/lib/search-index' as string)) as { rebuildSearchIndex?: (db: DB) => unknown };
  if (!mod.rebuildSearchIndex) throw new Error('lib/search-index.ts has no rebuildSearchIndex(db)');
  const t0 = performance.now();
  await mod.rebuildSearchIndex(db);
  console.log(`  search index                       ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function pickStatus(round: RoundStatus, x: number): NominationStatus {
  if (round === 'open') return x < 0.3 ? 'draft' : x < 0.8 ? 'submitted' : 'returned';
  return x < 0.3 ? 'submitted' : x < 0.35 ? 'returned' : x < 0.65 ? 'checked' : x < 0.9 ? 'approved' : 'rejected';
}

/** The unit's ancestor at `depth` (the nominating unit below the round's unit), or the unit itself. */
function ancestorAt(u: Unit, depth: number, byId: Map<number, Unit>): Unit {
  if (u.depth <= depth) return u;
  const ids = u.path.split('/').filter(Boolean);
  return byId.get(Number(ids[depth]))!;
}

function collectiveName(u: Unit, c: number): string {
  const n = u.name;
  const templates =
    u.kind === 'ward'
      ? [`Ủy ban nhân dân ${n}`, `Đoàn Thanh niên ${n}`, `Hội Liên hiệp Phụ nữ ${n}`, `Công an ${n}`, `Hội Cựu chiến binh ${n}`, `Trạm Y tế ${n}`, `Trường Tiểu học ${n}`, `Trường THCS ${n}`, `Trường Mầm non ${n}`]
      : u.kind === 'quarter'
        ? [`Ban điều hành ${n}`, `Chi hội Phụ nữ ${n}`, `Chi đoàn ${n}`]
        : u.kind === 'department'
          ? [`Văn phòng ${n}`, `Phòng Tổ chức cán bộ, ${n}`, `Phòng Kế hoạch – Tài chính, ${n}`, `Thanh tra ${n}`]
          : [`Văn phòng ${n}`];
  return c < templates.length ? templates[c] : `Tổ dân phố ${c - templates.length + 1}, ${n}`;
}

/** The unit tree: root → (nation: provinces →) departments and communes/wards → quarters. */
function buildUnits(target: number, scale: Scale): Unit[] {
  const out: Unit[] = [];
  const add = (name: string, shortName: string | null, kind: UnitKind, parent: Unit | null, group?: number): Unit | null => {
    if (out.length >= target) return null;
    const id = out.length + 1;
    const u: Unit = { id, name, shortName, kind, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, group: group ?? parent?.group ?? id };
    out.push(u);
    return u;
  };
  const fill = (top: Unit, where: string, budget: number, quarters: number) => {
    for (const d of DEPARTMENTS.slice(0, scale === 'district' ? 6 : 10)) add(`${scale === 'district' ? 'Phòng' : 'Sở'} ${d} ${where}`, `${scale === 'district' ? 'Phòng' : 'Sở'} ${d}`, 'department', top);
    const communes = Math.max(1, Math.ceil((budget - 1 - (scale === 'district' ? 6 : 10)) / (1 + quarters)));
    const used = new Set<string>();
    for (let c = 0; c < communes; c++) {
      let place: string;
      let k = c;
      do {
        place = `${SYLLABLES[k % SYLLABLES.length]} ${SYLLABLES[(Math.floor(k / SYLLABLES.length) + 7 * k + 3) % SYLLABLES.length]}`;
        k += 41;
      } while (used.has(place) || place.split(' ')[0] === place.split(' ')[1]);
      used.add(place);
      const prefix = scale !== 'district' && c % 3 === 0 ? 'Xã' : 'Phường';
      const commune = add(`${prefix} ${place}${where ? `, ${where}` : ''}`, `${prefix} ${place}`, 'ward', top);
      if (!commune) return;
      for (let q = 1; q <= quarters; q++) {
        const label = prefix === 'Xã' ? `Ấp ${q}` : `Khu phố ${q}`;
        if (!add(`${label}, ${commune.shortName}${where ? `, ${where}` : ''}`, label, 'quarter', commune)) return;
      }
    }
  };
  if (scale === 'nation') {
    const root = add('Ban Thi đua – Khen thưởng Trung ương', 'Trung ương', 'other', null)!;
    const per = (target - 1) / PROVINCES.length;
    for (const p of PROVINCES) {
      const kindName = CITIES.has(p) ? 'Thành phố' : 'Tỉnh';
      const top = add(`UBND ${kindName} ${p}`, `${kindName} ${p}`, 'people_committee', root, out.length + 1)!;
      fill(top, `${kindName} ${p}`, Math.floor(per), 2);
    }
  } else if (scale === 'city') {
    const root = add('UBND Thành phố Cần Thơ', 'Thành phố Cần Thơ', 'people_committee', null)!;
    fill(root, 'Thành phố Cần Thơ', target, 5);
  } else {
    const root = add('UBND Quận 7', 'Quận 7', 'people_committee', null)!;
    fill(root, 'Quận 7', target, 6);
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'district' }, out: { type: 'string' }, db: { type: 'string' }, replace: { type: 'boolean', default: false } },
  });
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) {
    console.error(`Unknown scale "${values.scale}": use district, city or nation.`);
    process.exit(2);
  }
  const file = path.resolve(values.out ?? benchDatabaseFile(scale));
  const s = SCALES[scale];
  // --db postgres://…: the SQLite file as usual (only when missing), then copied into that PostgreSQL database.
  if (values.db && !/^postgres(ql)?:\/\//.test(values.db)) {
    console.error('--db takes a postgres:// URL (the SQLite database is the file itself).');
    process.exit(2);
  }
  if (values.db && fs.existsSync(file)) console.log(`Using the existing ${path.relative(process.cwd(), file)} (delete it to generate again)`);
  else await generateFile(scale, file, s);
  if (values.db) {
    console.log(`Copying it to PostgreSQL (${values.db.replace(/\/\/[^@/]*@/, '//…@')})`);
    const { seconds, rows } = await copyToPostgres(file, values.db, { replace: values.replace });
    console.log(`✓ copied ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s`);
  }
}

async function generateFile(scale: Scale, file: string, s: (typeof SCALES)[Scale]) {
  console.log(`Generating the ${scale} database → ${path.relative(process.cwd(), file)}`);
  console.log(`  ${s.units} units, ${s.individuals} individuals, ${s.collectives} collectives, ${s.rounds} rounds, ${s.nominations} nominations, ${s.awards} awards`);
  const { seconds, bytes } = await generate(scale, file);
  console.log(`✓ ${scale}: ${seconds.toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(0)} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
