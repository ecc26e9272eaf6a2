// The demo data set: District 7's units, five demo accounts, the published 2021–2024 round (70
// collectives, 78 individuals), an older round recorded from the archive, and an open round with
// nominations in every state — and a second authority beside the district: the neighbouring ward of
// Tân Mỹ Lợi (fictional) with its own office accounts and its own round in review, to show that one
// deployment holds two authorities that never see each other's data.
// Deterministic (fixed seed); idempotent through the `demo_seed` setting.
import { eq, sql } from 'drizzle-orm';
import { withTransaction, type DB } from '@/db/connection';
import {
  awards,
  collectives,
  councilSittings,
  proposals,
  individuals,
  nominationComments,
  nominations,
  roundQuotas,
  rounds,
  settings,
  signoffs,
  unitNames,
  units,
  userRoles,
  users,
  yearlyRecords,
  type Gender,
  type NominationStatus,
  type Role,
  type UnitKind,
} from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { finalListEntries, hashFinalList, insertSnapshot } from '@/lib/final-list';
import { hashPassword } from '@/lib/auth/password';
import { compareVi, fold } from '@/lib/text';
import { rebuildSearchIndex } from '@/lib/search-index';
import {
  COLLECTIVE_SUMMARIES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  INDIVIDUAL_SUMMARIES,
  MIDDLE_NAMES,
  POSITIONS,
  UNIT_TREE,
  type UnitSeed,
} from './data';
import { createRng, type Rng } from './random';
import { originNote } from '@/lib/proposal-note';
import { first } from '@/db/query';

export const DEMO_PASSWORD = 'vinhdanh-demo';
export const DEMO_SLUGS = {
  published: 'so-ket-3-nam-ket-luan-01-2021-2024',
  archive: 'tong-ket-5-nam-chi-thi-05-2016-2021',
  open: 'hoc-tap-lam-theo-bac-2026',
  neighbour: 'bieu-duong-tan-my-loi-2026',
  ward: 'khen-thuong-phuong-tan-phong-2025',
} as const;

/** The ward round whose decided list was proposed up to the district's open round (lib/proposals.ts). */
export const WARD_ROUND_TITLE = 'Khen thưởng tập thể, cá nhân tiêu biểu Phường Tân Phong năm 2025';
export const WARD_RETURN_REASON = 'Đề nghị bổ sung bản nhận xét của chi bộ nơi cư trú trước khi trình Hội đồng quận.';

const TITLE_A = 'Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)';

/** The council's sitting on the 2021–2024 round (fictional members). */
export const DEMO_SITTING = {
  heldOn: '2024-05-20',
  place: 'Trụ sở UBND Quận 7',
  chair: 'Võ Thanh Sơn',
  secretary: 'Trương Thị Mỹ Hạnh',
  membersPresent: ['Võ Thanh Sơn', 'Đoàn Minh Thịnh', 'Trương Thị Mỹ Hạnh', 'Lê Văn Tâm', 'Phan Thị Kim Oanh', 'Ngô Quang Vinh', 'Huỳnh Thị Thu Trang', 'Đặng Văn Lực', 'Bùi Thanh Hà'],
};

/** The district as a whole: the unit above its Party committee and People's Committee that runs the
 * district's rounds, and where the district office's accounts sit (their scope is its subtree). */
export const DISTRICT = 'Quận 7';
/** The second authority: a neighbouring ward with its own office (fictional name). */
export const NEIGHBOUR = 'Phường Tân Mỹ Lợi';

const ACCOUNTS: Array<{ username: string; displayName: string; unit: string; roles: Role[] }> = [
  { username: 'admin', displayName: 'Lâm Quốc Khải', unit: DISTRICT, roles: ['admin'] },
  { username: 'reviewer', displayName: 'Trương Thị Mỹ Hạnh', unit: DISTRICT, roles: ['reviewer'] },
  { username: 'approver', displayName: 'Đoàn Minh Thịnh', unit: DISTRICT, roles: ['approver'] },
  { username: 'officer', displayName: 'Châu Ngọc Diễm', unit: 'Phường Tân Phong', roles: ['officer'] },
  { username: 'officer2', displayName: 'Tạ Hữu Nghĩa', unit: 'Phường Tân Hưng', roles: ['officer'] },
  // The neighbouring ward's own office.
  { username: 'tanmyloi.admin', displayName: 'Hồ Văn Tài', unit: NEIGHBOUR, roles: ['admin'] },
  { username: 'tanmyloi.reviewer', displayName: 'Lê Thị Thu Trang', unit: NEIGHBOUR, roles: ['reviewer'] },
  { username: 'tanmyloi.approver', displayName: 'Phan Quốc Bảo', unit: NEIGHBOUR, roles: ['approver'] },
  { username: 'tanmyloi.officer', displayName: 'Ngô Thị Kim Liên', unit: NEIGHBOUR, roles: ['officer'] },
  // A ward of the district with its own administrator: its decided list goes up to the district's round.
  { username: 'tanphong.admin', displayName: 'Trần Minh Đức', unit: 'Phường Tân Phong', roles: ['admin'] },
];

type UnitRow = { id: number; name: string; kind: UnitKind; parentId: number | null; path: string };
type Person = { id: number; fullName: string; gender: Gender; birthYear: number; position: string; unit: UnitRow; partyMember: boolean };
type Group = { id: number; name: string; unit: UnitRow };
type Tx = DB;

const at = (iso: string) => new Date(`${iso}T09:00:00+07:00`);

export async function seedDemo(db: DB, now = new Date()): Promise<{ seeded: boolean }> {
  if ((await first(db.select().from(settings).where(eq(settings.key, 'demo_seed'))))) return { seeded: false };
  // Hashed before the transaction: argon2 takes a while.
  const hashes = await Promise.all(ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  const rng = createRng(20240524);
  await withTransaction(db, async (tx) => {
    const unitList = await insertUnits(tx);
    const district = await insertDistrictRoot(tx, unitList);
    const neighbour = await insertNeighbourUnits(tx);
    const byName = new Map([...unitList, district, ...neighbour].map((u) => [u.name, u]));
    const unit = (name: string) => byName.get(name)!;
    const userIds = await insertUsers(tx, hashes, unit);
    const people = new PeopleFactory(tx, rng, unitList);

    const common = {
      theme: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      authority: 'Chủ tịch UBND Quận 7',
      awardForm: 'Giấy khen',
      // The People's Committee runs (and issues) the district's rounds; the office's accounts sit on
      // the district unit above it, so their scope also holds the Party committee's side.
      unitId: unit('UBND Quận 7').id,
    };

    // Round A: the 2021–2024 review, published.
    const roundA = (await first(tx
      .insert(rounds)
      .values({
        ...common,
        slug: DEMO_SLUGS.published,
        title: TITLE_A,
        period: '2021–2024',
        criteria:
          'Tập thể, cá nhân có thành tích tiêu biểu, xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021–2024, được đơn vị bình xét và đề nghị.',
        status: 'published',
        windowOpensAt: at('2024-04-01'),
        windowClosesAt: at('2024-04-30'),
        quotaCollectives: 70,
        quotaIndividuals: 78,
        decisionNumber: '1234/QĐ-UBND',
        decisionDate: '2024-05-24',
        decisionSigner: 'Võ Thanh Sơn',
        decisionSignerTitle: 'CHỦ TỊCH',
        decisionPlace: 'Quận 7',
        decidedAt: at('2024-05-24'),
        publishedAt: at('2024-05-24'),
      })
      .returning({ id: rounds.id })))!;
    const groupsA = await people.collectives(70);
    const personsA = await people.individuals(78);
    await decideRound(tx, rng, roundA.id, groupsA, personsA, userIds, { submitted: '2024-04-20', checked: '2024-05-08', decided: '2024-05-20' });
    // The council voted all 148 at one sitting; its minutes export from this record.
    const sitting = (await first(tx.insert(councilSittings).values({ roundId: roundA.id, ...DEMO_SITTING, membersPresent: DEMO_SITTING.membersPresent.join('\n'), recordedBy: userIds.approver, recordedAt: at('2024-05-20') }).returning({ id: councilSittings.id })))!;
    await tx.update(nominations).set({ sittingId: sitting.id, voteAbstain: 0 }).where(eq(nominations.roundId, roundA.id));
    // The chairman signed the final list off before the decision: its snapshot is what the awards show,
    // and its hash is printed on the annex.
    const entriesA = await finalListEntries(tx, roundA.id);
    const signoffA = (await first(tx
      .insert(signoffs)
      .values({ roundId: roundA.id, signedBy: userIds.approver, signedAt: at('2024-05-22'), listHash: hashFinalList(TITLE_A, entriesA) })
      .returning({ id: signoffs.id })))!;
    await insertSnapshot(tx, signoffA.id, entriesA);

    // Round B: 2016–2021, decided on paper and recorded from the archive.
    const roundB = (await first(tx
      .insert(rounds)
      .values({
        ...common,
        slug: DEMO_SLUGS.archive,
        title: 'Tổng kết 5 năm thực hiện Chỉ thị 05-CT/TW (2016–2021)',
        period: '2016–2021',
        source: 'archive',
        status: 'published',
        decisionNumber: '456/QĐ-UBND',
        decisionDate: '2021-05-19',
        decisionSigner: 'Huỳnh Tấn Lộc',
        decisionSignerTitle: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
        decisionPlace: 'Quận 7',
        decidedAt: at('2021-05-19'),
        publishedAt: at('2021-06-01'),
      })
      .returning({ id: rounds.id })))!;
    // Some people honoured in 2021 are honoured again in 2024: their history spans rounds.
    const personsB = [...personsA.slice(0, 6), ...await people.individuals(19)];
    await decideRound(tx, rng, roundB.id, await people.collectives(20), personsB, userIds, null);
    await appendAudit(tx, {
      actorId: userIds.admin,
      action: 'round.archive_recorded',
      entityType: 'round',
      entityId: roundB.id,
      after: { slug: DEMO_SLUGS.archive, status: 'decided', source: 'archive', decisionNumber: '456/QĐ-UBND', awards: 20 + personsB.length },
    });

    // Round C: open now, with nominations in every state.
    const roundC = (await first(tx
      .insert(rounds)
      .values({
        ...common,
        slug: DEMO_SLUGS.open,
        title: 'Điển hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026',
        period: '2026',
        criteria: 'Tập thể, cá nhân tiêu biểu năm 2026; mỗi đơn vị đề nghị không quá chỉ tiêu được giao.',
        status: 'open',
        windowOpensAt: new Date(now.getTime() - 30 * 86_400_000),
        windowClosesAt: new Date(now.getTime() + 60 * 86_400_000),
        quotaCollectives: 30,
        quotaIndividuals: 40,
        consultation: true,
        consultationDays: 10,
      })
      .returning({ id: rounds.id })))!;
    await tx.insert(roundQuotas)
      .values([
        { roundId: roundC.id, unitId: unit('Phường Tân Phong').id, collectives: 3, individuals: 4 },
        { roundId: roundC.id, unitId: unit('Phường Tân Hưng').id, collectives: 3, individuals: 4 },
      ]);
    await seedOpenRound(tx, rng, roundC.id, people, unit, userIds);
    await seedNeighbour(tx, rng, people, neighbour, userIds, now);
    await seedWardProposal(tx, rng, people, unit, userIds, roundC.id, now);
    await seedYearlyRecords(tx, [unit('Phường Tân Phong'), unit('Phường Tân Hưng')], userIds.officer);

    const count = async (t: typeof units | typeof users | typeof individuals | typeof collectives | typeof nominations | typeof awards) =>
      (await first(tx.select({ n: sql<number>`count(*)` }).from(t)))!.n;
    await appendAudit(tx, {
      actorId: null,
      action: 'seed.demo',
      entityType: 'database',
      after: {
        units: await count(units),
        users: await count(users),
        individuals: await count(individuals),
        collectives: await count(collectives),
        nominations: await count(nominations),
        awards: await count(awards),
      },
    });
    await tx.insert(settings).values({ key: 'demo_seed', value: now.toISOString() });
    // The published rounds were inserted as published: index their awards for search.
    await rebuildSearchIndex(tx);
  });
  return { seeded: true };
}

async function insertUnits(tx: Tx): Promise<UnitRow[]> {
  const out: UnitRow[] = [];
  const validFrom = new Date('2020-01-01T00:00:00+07:00');
  const walk = async (nodes: UnitSeed[], parent: UnitRow | null) => {
    for (const n of nodes) {
      const { id } = (await first(tx
        .insert(units)
        .values({ slug: slugOf(n.name), name: n.name, shortName: n.shortName, kind: n.kind, parentId: parent?.id ?? null, path: '/' })
        .returning({ id: units.id })))!;
      const path = `${parent?.path ?? '/'}${id}/`;
      await tx.update(units).set({ path }).where(eq(units.id, id));
      await tx.insert(unitNames).values({ unitId: id, name: n.name, validFrom });
      const row: UnitRow = { id, name: n.name, kind: n.kind, parentId: parent?.id ?? null, path };
      out.push(row);
      if (n.children) await walk(n.children, row);
    }
  };
  await walk(UNIT_TREE, null);
  return out;
}

/**
 * Puts the district's two trees (Party committee, People's Committee) under one unit, "Quận 7": the
 * district's rounds bound everything below it. Inserted after the trees so their ids stay as they were.
 * The rows in `list` get their new paths; their parent ids are left as seeded (the people factory
 * picks from them as before, so the demo's names do not change).
 */
async function insertDistrictRoot(tx: Tx, list: UnitRow[]): Promise<UnitRow> {
  const { id } = (await first(tx.insert(units).values({ slug: slugOf(DISTRICT), name: DISTRICT, kind: 'other', parentId: null, path: '/' }).returning({ id: units.id })))!;
  const path = `/${id}/`;
  await tx.update(units).set({ path }).where(eq(units.id, id));
  await tx.insert(unitNames).values({ unitId: id, name: DISTRICT, validFrom: new Date('2020-01-01T00:00:00+07:00') });
  await tx.update(units).set({ parentId: id }).where(sql`${units.parentId} IS NULL AND ${units.id} <> ${id}`);
  await tx.update(units).set({ path: sql`${path} || substr(${units.path}, 2)` }).where(sql`${units.id} <> ${id}`);
  for (const u of list) u.path = `${path}${u.path.slice(1)}`;
  return { id, name: DISTRICT, kind: 'other', parentId: null, path };
}

/** The neighbouring ward: a tree of its own, outside the district. */
async function insertNeighbourUnits(tx: Tx): Promise<UnitRow[]> {
  const out: UnitRow[] = [];
  const validFrom = new Date('2025-07-01T00:00:00+07:00');
  const add = async (name: string, kind: UnitKind, parent: UnitRow | null, shortName?: string): Promise<UnitRow> => {
    const { id } = (await first(tx.insert(units).values({ slug: slugOf(name), name, shortName, kind, parentId: parent?.id ?? null, path: '/' }).returning({ id: units.id })))!;
    const path = `${parent?.path ?? '/'}${id}/`;
    await tx.update(units).set({ path }).where(eq(units.id, id));
    await tx.insert(unitNames).values({ unitId: id, name, validFrom });
    const row: UnitRow = { id, name, kind, parentId: parent?.id ?? null, path };
    out.push(row);
    return row;
  };
  const ward = await add(NEIGHBOUR, 'ward', null, 'Tân Mỹ Lợi');
  await add(`Đảng ủy ${NEIGHBOUR}`, 'party_committee', ward);
  for (let i = 1; i <= 3; i++) await add(`Khu phố ${i}, ${NEIGHBOUR}`, 'quarter', ward, `Khu phố ${i}`);
  await add(`Trường Tiểu học Tân Mỹ Lợi`, 'school', ward);
  return out;
}

function slugOf(name: string): string {
  return fold(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

async function insertUsers(tx: Tx, hashes: string[], unit: (name: string) => UnitRow): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [i, a] of ACCOUNTS.entries()) {
    const { id } = (await first(tx
      .insert(users)
      .values({ username: a.username, displayName: a.displayName, passwordHash: hashes[i], unitId: unit(a.unit).id })
      .returning({ id: users.id })))!;
    for (const role of a.roles) await tx.insert(userRoles).values({ userId: id, role });
    ids[a.username] = id;
  }
  return ids;
}

/** Makes fictional people and collectives, never the same full name twice. */
class PeopleFactory {
  private usedNames = new Set<string>();
  private usedGroups = new Set<string>();
  private readonly personUnits: UnitRow[];
  private readonly groupCandidates: Array<{ name: string; unit: UnitRow }>;

  constructor(
    private readonly tx: Tx,
    private readonly rng: Rng,
    private readonly all: UnitRow[],
  ) {
    // People work in wards, quarters, Party cells, departments, mass organisations and schools.
    this.personUnits = all.filter((u) => u.kind !== 'people_committee' && !(u.kind === 'party_committee' && u.parentId === null));
    this.groupCandidates = [];
    for (const u of all) {
      if (u.parentId === null) continue;
      if (u.kind === 'ward') {
        this.groupCandidates.push({ name: `Ủy ban nhân dân ${u.name}`, unit: u });
        this.groupCandidates.push({ name: `Đoàn Thanh niên ${u.name}`, unit: u });
        this.groupCandidates.push({ name: `Hội Liên hiệp Phụ nữ ${u.name}`, unit: u });
        this.groupCandidates.push({ name: `Công an ${u.name}`, unit: u });
      } else if (u.kind === 'quarter') {
        this.groupCandidates.push({ name: `Ban điều hành ${u.name}`, unit: u });
      } else {
        this.groupCandidates.push({ name: u.name, unit: u });
      }
    }
  }

  async individuals(n: number, pool: UnitRow[] = this.personUnits): Promise<Person[]> {
    const out: Person[] = [];
    for (let i = 0; i < n; i++) out.push(await this.individual(this.rng.pick(pool)));
    return out;
  }

  async individual(unit: UnitRow): Promise<Person> {
    const { rng } = this;
    const gender: Gender = rng.chance(0.48) ? 'female' : 'male';
    let fullName: string;
    do {
      fullName = `${rng.pick(FAMILY_NAMES)} ${rng.pick(MIDDLE_NAMES[gender])} ${rng.pick(GIVEN_NAMES[gender])}`;
    } while (this.usedNames.has(fullName));
    this.usedNames.add(fullName);
    const position = rng.pick(POSITIONS[unit.kind]);
    const partyMember = unit.kind === 'party_cell' || unit.kind === 'party_committee' || rng.chance(0.6);
    const birthYear = rng.int(1962, 1998);
    const { id } = (await first(this.tx
      .insert(individuals)
      .values({ fullName, nameFolded: fold(fullName), gender, birthYear, position, unitId: unit.id, partyMember })
      .returning({ id: individuals.id })))!;
    return { id, fullName, gender, birthYear, position, unit, partyMember };
  }

  async collectives(n: number, pool?: (c: { name: string; unit: UnitRow }) => boolean): Promise<Group[]> {
    const free = this.groupCandidates.filter((c) => !this.usedGroups.has(c.name) && (!pool || pool(c)));
    const chosen: Group[] = [];
    while (chosen.length < n && free.length > 0) {
      const [c] = free.splice(Math.floor(this.rng.next() * free.length), 1);
      this.usedGroups.add(c.name);
      const { id } = (await first(this.tx
        .insert(collectives)
        .values({ name: c.name, nameFolded: fold(c.name), unitId: c.unit.id, kind: c.unit.kind })
        .returning({ id: collectives.id })))!;
      chosen.push({ id, name: c.name, unit: c.unit });
    }
    if (chosen.length < n) throw new Error(`demo seed: only ${chosen.length} collectives available, ${n} wanted`);
    return chosen;
  }
}

async function decideRound(
  tx: Tx,
  rng: Rng,
  roundId: number,
  groups: Group[],
  persons: Person[],
  userIds: Record<string, number>,
  dates: { submitted: string; checked: string; decided: string } | null,
) {
  const all = [
    ...groups.map((g) => ({ kind: 'collective' as const, g, p: null as Person | null })),
    ...persons.map((p) => ({ kind: 'individual' as const, g: null as Group | null, p })),
  ];
  const rows: Array<{ e: (typeof all)[number]; nominationId: number; summary: string; unitId: number; unitName: string }> = [];
  for (const e of all) {
    const summary = e.kind === 'collective' ? rng.pick(COLLECTIVE_SUMMARIES) : rng.pick(INDIVIDUAL_SUMMARIES);
    const unit = e.g ? e.g.unit : e.p!.unit;
    const votes = rng.int(8, 9);
    const nomination = (await first(tx
      .insert(nominations)
      .values({
        roundId,
        nomineeKind: e.kind,
        collectiveId: e.g?.id ?? null,
        individualId: e.p?.id ?? null,
        unitId: topUnitOf(unit),
        summary,
        status: 'approved',
        createdBy: dates ? userIds.officer : null,
        submittedBy: dates ? userIds.officer : null,
        submittedAt: dates ? at(dates.submitted) : null,
        checkedBy: dates ? userIds.reviewer : null,
        checkedAt: dates ? at(dates.checked) : null,
        decidedBy: dates ? userIds.approver : null,
        decidedAt: dates ? at(dates.decided) : null,
        voteFor: dates ? votes : null,
        voteAgainst: dates ? 9 - votes : null,
        voteTotal: dates ? 9 : null,
      })
      .returning({ id: nominations.id })))!;
    const shown = e.g ? await parentOrSelf(tx, e.g) : unit;
    rows.push({ e, nominationId: nomination.id, summary, unitId: shown.id, unitName: shown.name });
  }
  for (const kind of ['collective', 'individual'] as const) {
    const list = rows
      .filter((r) => r.e.kind === kind)
      .sort((a, b) => compareVi(a.unitName, b.unitName) || compareVi(a.e.g?.name ?? a.e.p!.fullName, b.e.g?.name ?? b.e.p!.fullName));
    for (const [i, r] of list.entries()) {
      await tx.insert(awards)
        .values({
          publicId: rng.hex(16),
          roundId,
          nominationId: r.nominationId,
          nomineeKind: kind,
          collectiveId: r.e.g?.id ?? null,
          individualId: r.e.p?.id ?? null,
          ordinal: i + 1,
          name: r.e.g?.name ?? r.e.p!.fullName,
          position: r.e.p?.position ?? null,
          unitId: r.unitId,
          unitName: r.unitName,
          summary: r.summary,
          gender: r.e.p?.gender ?? null,
          birthYear: r.e.p?.birthYear ?? null,
          partyMember: r.e.p?.partyMember ?? null,
        });
    }
  }
}

/** A collective that is a unit is shown with its parent unit; any other with its own unit. */
async function parentOrSelf(tx: Tx, g: Group): Promise<{ id: number; name: string; }> {
  if (g.name !== g.unit.name || g.unit.parentId === null) return g.unit;
  return (await first(tx.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, g.unit.parentId))))!;
}

/** The nominating unit: the ward, department or organisation at the top of the unit's branch. */
function topUnitOf(u: UnitRow): number {
  // path = /district/tree/top/…: the third id is the branch top; a tree's own unit nominates itself.
  const ids = u.path.split('/').filter(Boolean).map(Number).slice(1);
  return ids.length >= 2 ? ids[1] : ids[0];
}

/**
 * The neighbouring ward's own round, in review: its officer's nominations submitted, checked and one
 * returned, each with its timeline. Nothing of it is visible to the district's accounts, nor the
 * district's to the ward's.
 */
async function seedNeighbour(tx: Tx, rng: Rng, people: PeopleFactory, wardUnits: UnitRow[], userIds: Record<string, number>, now: Date) {
  const ward = wardUnits[0];
  const quarters = wardUnits.filter((u) => u.kind === 'quarter');
  const { id: roundId } = (await first(tx
    .insert(rounds)
    .values({
      slug: DEMO_SLUGS.neighbour,
      title: `Biểu dương gương điển hình ${NEIGHBOUR} năm 2026`,
      theme: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      period: '2026',
      authority: `Chủ tịch UBND ${NEIGHBOUR}`,
      awardForm: 'Giấy khen',
      criteria: 'Cá nhân, tập thể tiêu biểu của phường năm 2026.',
      unitId: ward.id,
      status: 'reviewing',
      windowOpensAt: new Date(now.getTime() - 60 * 86_400_000),
      windowClosesAt: new Date(now.getTime() - 5 * 86_400_000),
      quotaCollectives: 3,
      quotaIndividuals: 6,
    })
    .returning({ id: rounds.id })))!;
  const persons = await people.individuals(3, quarters);
  const group = (await first(tx
    .insert(collectives)
    .values({ name: `Ban điều hành ${quarters[0].name}`, nameFolded: fold(`Ban điều hành ${quarters[0].name}`), unitId: quarters[0].id, kind: 'quarter' })
    .returning({ id: collectives.id })))!;
  const entries: Array<{ status: NominationStatus; individualId: number | null; collectiveId: number | null }> = [
    { status: 'submitted', individualId: persons[0].id, collectiveId: null },
    { status: 'checked', individualId: persons[1].id, collectiveId: null },
    { status: 'returned', individualId: persons[2].id, collectiveId: null },
    { status: 'checked', individualId: null, collectiveId: group.id },
  ];
  const base = now.getTime() - 10 * 86_400_000;
  for (const [n, e] of entries.entries()) {
    const t = (h: number) => new Date(base + (n * 4 + h) * 3_600_000);
    const checked = e.status === 'checked';
    const kind = e.individualId ? 'individual' : 'collective';
    const { id } = (await first(tx
      .insert(nominations)
      .values({
        roundId,
        nomineeKind: kind,
        individualId: e.individualId,
        collectiveId: e.collectiveId,
        unitId: ward.id,
        summary: kind === 'individual' ? rng.pick(INDIVIDUAL_SUMMARIES) : rng.pick(COLLECTIVE_SUMMARIES),
        status: e.status,
        createdBy: userIds['tanmyloi.officer'],
        submittedBy: userIds['tanmyloi.officer'],
        submittedAt: t(1),
        checkedBy: checked ? userIds['tanmyloi.reviewer'] : null,
        checkedAt: checked ? t(2) : null,
        updatedAt: t(2),
      })
      .returning({ id: nominations.id })))!;
    const event = (actor: string, action: string, hour: number, from: NominationStatus | null, to: NominationStatus, extra: object = {}) =>
      appendAudit(tx, { actorId: userIds[actor], action: `nomination.${action}`, entityType: 'nomination', entityId: id, at: t(hour), before: from ? { status: from } : null, after: { status: to, ...extra } });
    await event('tanmyloi.officer', 'create', 0, null, 'draft', { roundId, kind, unitId: ward.id });
    await event('tanmyloi.officer', 'submit', 1, 'draft', 'submitted');
    if (checked) await event('tanmyloi.reviewer', 'check', 2, 'submitted', 'checked');
    if (e.status === 'returned') {
      const reason = 'Đề nghị bổ sung bản tóm tắt thành tích có xác nhận của khu phố.';
      await tx.insert(nominationComments).values({ nominationId: id, authorId: userIds['tanmyloi.reviewer'], kind: 'return', body: reason, createdAt: t(2) });
      await event('tanmyloi.reviewer', 'return', 2, 'submitted', 'returned', { reason });
    }
  }
  await appendAudit(tx, { actorId: userIds['tanmyloi.admin'], action: 'round.reviewing', entityType: 'round', entityId: roundId, at: new Date(base + 20 * 3_600_000), before: { status: 'open' }, after: { status: 'reviewing' } });
}

async function seedOpenRound(
  tx: Tx,
  rng: Rng,
  roundId: number,
  people: PeopleFactory,
  unit: (name: string) => UnitRow,
  userIds: Record<string, number>,
) {
  const wards = ['Phường Tân Phong', 'Phường Tân Hưng', 'Phường Tân Quy'];
  const statuses: NominationStatus[] = ['draft', 'submitted', 'returned', 'checked', 'approved', 'rejected'];
  const base = Date.now() - 20 * 86_400_000;
  let n = 0;
  for (const status of statuses) {
    for (const wardName of wards) {
      const ward = unit(wardName);
      const inWard = (u: UnitRow) => u.path.startsWith(ward.path);
      const kind = n % 2 === 0 ? 'individual' : 'collective';
      const nominee =
        kind === 'individual'
          ? { individualId: (await people.individuals(1, [ward, ...await subtree(tx, ward)].filter(inWard))).map((p) => p.id)[0], collectiveId: null }
          : { collectiveId: (await people.collectives(1, (c) => inWard(c.unit)))[0].id, individualId: null };
      const t = (days: number) => new Date(base + (n + days) * 3_600_000);
      const after = (s: NominationStatus) => statuses.indexOf(status) >= statuses.indexOf(s) && status !== 'draft';
      const decided = status === 'approved' || status === 'rejected';
      const votesFor = status === 'approved' ? rng.int(7, 9) : rng.int(2, 4);
      const { id } = (await first(tx
        .insert(nominations)
        .values({
          roundId,
          nomineeKind: kind,
          ...nominee,
          unitId: ward.id,
          summary: kind === 'individual' ? rng.pick(INDIVIDUAL_SUMMARIES) : rng.pick(COLLECTIVE_SUMMARIES),
          status,
          createdBy: userIds.officer,
          submittedBy: status === 'draft' ? null : userIds.officer,
          submittedAt: status === 'draft' ? null : t(1),
          checkedBy: after('checked') && status !== 'returned' ? userIds.reviewer : null,
          checkedAt: after('checked') && status !== 'returned' ? t(2) : null,
          decidedBy: decided ? userIds.approver : null,
          decidedAt: decided ? t(3) : null,
          voteFor: decided ? votesFor : null,
          voteAgainst: decided ? 9 - votesFor : null,
          voteTotal: decided ? 9 : null,
          updatedAt: t(3),
        })
        .returning({ id: nominations.id })))!;
      const reason = 'Đề nghị bổ sung biên bản họp xét của đơn vị và làm rõ thành tích năm 2026.';
      if (status === 'returned') {
        await tx.insert(nominationComments).values({ nominationId: id, authorId: userIds.reviewer, kind: 'return', body: reason });
      }
      // Each nomination's timeline tells how it got where it is, as the workflow would have written it.
      const event = (actor: string, action: string, hour: number, from: NominationStatus | null, to: NominationStatus, extra: object = {}) =>
        appendAudit(tx, { actorId: userIds[actor], action: `nomination.${action}`, entityType: 'nomination', entityId: id, at: t(hour), before: from ? { status: from } : null, after: { status: to, ...extra } });
      await event('officer', 'create', 0, null, 'draft', { roundId, kind, unitId: ward.id });
      if (status !== 'draft') await event('officer', 'submit', 1, 'draft', 'submitted');
      if (status === 'returned') await event('reviewer', 'return', 2, 'submitted', 'returned', { reason });
      if (after('checked') && status !== 'returned') await event('reviewer', 'check', 2, 'submitted', 'checked');
      if (decided) await event('approver', status === 'approved' ? 'approve' : 'reject', 3, 'checked', status, { vote: { for: votesFor, against: 9 - votesFor, total: 9 } });
      n++;
    }
  }
}

async function subtree(tx: Tx, root: UnitRow): Promise<UnitRow[]> {
  return (await tx
    .select({ id: units.id, name: units.name, kind: units.kind, parentId: units.parentId, path: units.path })
    .from(units))
    .filter((u) => u.path.startsWith(root.path) && u.id !== root.id);
}

/**
 * A ward of the district (Tân Phong) with its own decided round, Giấy khen of the ward's chairman, whose list
 * was partly proposed up to the district's open round: three awards went up as nominations, and the district
 * office returned one with a reason, which the ward reads on its round's page.
 */
async function seedWardProposal(tx: Tx, rng: Rng, people: PeopleFactory, unit: (name: string) => UnitRow, userIds: Record<string, number>, districtRoundId: number, now: Date) {
  const ward = unit('Phường Tân Phong');
  const inWard = (u: UnitRow) => u.path.startsWith(ward.path);
  const decidedOn = new Date(now.getTime() - 20 * 86_400_000);
  const decisionDate = new Date(decidedOn.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const round = { title: WARD_ROUND_TITLE, authority: 'Chủ tịch UBND Phường Tân Phong', decisionNumber: '35/QĐ-UBND', decisionDate };
  const { id: roundId } = (await first(tx
    .insert(rounds)
    .values({
      slug: DEMO_SLUGS.ward,
      title: round.title,
      theme: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      period: '2025',
      authority: round.authority,
      awardForm: 'Giấy khen',
      criteria: 'Tập thể, cá nhân tiêu biểu của phường năm 2025.',
      unitId: ward.id,
      status: 'decided',
      windowOpensAt: new Date(decidedOn.getTime() - 45 * 86_400_000),
      windowClosesAt: new Date(decidedOn.getTime() - 20 * 86_400_000),
      quotaCollectives: 1,
      quotaIndividuals: 4,
      decisionNumber: round.decisionNumber,
      decisionDate,
      decisionSigner: 'Lý Thanh Phong',
      decisionSignerTitle: 'CHỦ TỊCH',
      decisionPlace: 'Phường Tân Phong',
      decidedAt: decidedOn,
    })
    .returning({ id: rounds.id })))!;
  const persons = await people.individuals(4, [ward, ...await subtree(tx, ward)].filter(inWard));
  const groups = await people.collectives(1, (c) => inWard(c.unit));
  const day = (d: number) => new Date(decidedOn.getTime() - d * 86_400_000).toISOString().slice(0, 10);
  await decideRound(tx, rng, roundId, groups, persons, userIds, { submitted: day(18), checked: day(12), decided: day(5) });
  const entries = await finalListEntries(tx, roundId);
  const { id: signoffId } = (await first(tx
    .insert(signoffs)
    .values({ roundId, signedBy: userIds['tanphong.admin'], signedAt: new Date(decidedOn.getTime() - 86_400_000), listHash: hashFinalList(round.title, entries) })
    .returning({ id: signoffs.id })))!;
  await insertSnapshot(tx, signoffId, entries);
  await appendAudit(tx, { actorId: userIds['tanphong.admin'], action: 'round.decided', entityType: 'round', entityId: roundId, at: decidedOn, before: { status: 'reviewing' }, after: { status: 'decided', decisionNumber: round.decisionNumber, awards: entries.length } });

  // Three of its awards proposed up to the district's open round; the district office returned one.
  const proposedAt = new Date(now.getTime() - 6 * 86_400_000);
  const list = (await tx
    .select({ id: awards.id, publicId: awards.publicId, kind: awards.nomineeKind, individualId: awards.individualId, collectiveId: awards.collectiveId, summary: awards.summary, name: awards.name, voteFor: nominations.voteFor, voteTotal: nominations.voteTotal })
    .from(awards)
    .innerJoin(nominations, eq(nominations.id, awards.nominationId))
    .where(eq(awards.roundId, roundId))
    .orderBy(awards.nomineeKind, awards.ordinal))
    .filter((a, i) => a.kind === 'individual' || i === 0)
    .slice(0, 3);
  const { id: proposalId } = (await first(tx
    .insert(proposals)
    .values({ fromRoundId: roundId, toRoundId: districtRoundId, originAuthority: round.authority, originUnit: ward.name, originRound: round.title, decisionNumber: round.decisionNumber, decisionDate, proposedBy: userIds['tanphong.admin'], proposedAt })
    .returning({ id: proposals.id })))!;
  for (const [i, a] of list.entries()) {
    const returned = i === list.length - 1;
    const { id } = (await first(tx
      .insert(nominations)
      .values({
        roundId: districtRoundId,
        nomineeKind: a.kind,
        individualId: a.individualId,
        collectiveId: a.collectiveId,
        unitId: ward.id,
        summary: a.summary,
        status: returned ? 'returned' : 'submitted',
        createdBy: userIds['tanphong.admin'],
        submittedBy: userIds['tanphong.admin'],
        submittedAt: proposedAt,
        proposalId,
        originAwardId: a.id,
        originRef: a.publicId,
        createdAt: proposedAt,
        updatedAt: returned ? new Date(proposedAt.getTime() + 2 * 86_400_000) : proposedAt,
      })
      .returning({ id: nominations.id })))!;
    const note = originNote({ authority: round.authority, unit: ward.name, round: round.title, decisionNumber: round.decisionNumber, decisionDate, vote: a.voteFor != null && a.voteTotal != null ? { for: a.voteFor, total: a.voteTotal } : null });
    await tx.insert(nominationComments).values({ nominationId: id, authorId: userIds['tanphong.admin'], kind: 'comment', body: note, createdAt: proposedAt });
    await appendAudit(tx, { actorId: userIds['tanphong.admin'], action: 'nomination.propose', entityType: 'nomination', entityId: id, at: proposedAt, after: { status: 'submitted', roundId: districtRoundId, proposalId, originRef: a.publicId, kind: a.kind, individualId: a.individualId, collectiveId: a.collectiveId, unitId: ward.id } });
    if (returned) {
      const at = new Date(proposedAt.getTime() + 2 * 86_400_000);
      await tx.insert(nominationComments).values({ nominationId: id, authorId: userIds.reviewer, kind: 'return', body: WARD_RETURN_REASON, createdAt: at });
      await appendAudit(tx, { actorId: userIds.reviewer, action: 'nomination.return', entityType: 'nomination', entityId: id, at, before: { status: 'submitted' }, after: { status: 'returned', reason: WARD_RETURN_REASON } });
    }
  }
  await appendAudit(tx, { actorId: userIds['tanphong.admin'], action: 'round.propose_up', entityType: 'round', entityId: roundId, at: proposedAt, after: { proposalId, toRoundId: districtRoundId, title: 'Điển hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026', awards: list.length, names: list.map((a) => a.name) } });
}

/**
 * Yearly records 2019–2024 for people and collectives of two wards, so that a Bằng khen round of the city
 * (the default rule: two consecutive years "hoàn thành xuất sắc nhiệm vụ" and two initiatives) finds some
 * eligible and some not — and each "not" for a different reason: a missing year, a lower rating, one
 * initiative only, two conflicting ratings in one year. Decision numbers are fictional.
 */
export const RECORD_PATTERNS = ['eligible', 'gap_2024', 'lower_2024', 'one_initiative', 'conflict_2024', 'eligible_short', 'plain'] as const;

async function seedYearlyRecords(tx: Tx, wards: UnitRow[], createdBy: number) {
  type Row = typeof yearlyRecords.$inferInsert;
  const rows: Row[] = [];
  for (const [w, ward] of wards.entries()) {
    const inWard = (await tx.select({ id: units.id, path: units.path }).from(units)).filter((u) => u.path.startsWith(ward.path)).map((u) => u.id);
    const people = (await tx.select({ id: individuals.id, unitId: individuals.unitId }).from(individuals).orderBy(individuals.id)).filter((p) => inWard.includes(p.unitId)).slice(0, 14);
    const decision = (year: number, k: number) => ({ sourceNumber: `${(year % 100) * 10 + k + w * 5}/QĐ-UBND`, sourceDate: `${year}-12-${String(18 + k).padStart(2, '0')}` });
    for (const [i, p] of people.entries()) {
      const pattern = RECORD_PATTERNS[i % RECORD_PATTERNS.length];
      const add = (year: number, kind: Row['kind'], value: string, k: number, note: string | null = null) =>
        rows.push({ nomineeKind: 'individual', individualId: p.id, year, kind, value, ...decision(year, k), note, createdBy });
      for (let year = 2019; year <= 2024; year++) {
        let rating = pattern === 'plain' ? 'htnv' : year % 2 === 0 ? 'httnv' : 'htxsnv';
        if (year >= 2023 && pattern !== 'plain') rating = 'htxsnv';
        if (year >= 2022 && pattern === 'eligible_short') rating = 'htxsnv';
        if (year === 2024 && pattern === 'lower_2024') rating = 'httnv';
        if (year === 2024 && pattern === 'gap_2024') continue;
        add(year, 'rating', rating, 0);
        if (year === 2024 && pattern === 'conflict_2024') add(year, 'rating', 'httnv', 3, 'Xếp loại lại sau phúc tra');
        if (rating !== 'htnv') add(year, 'title', 'ldtt', 1);
      }
      if (pattern === 'eligible' || pattern === 'one_initiative' || pattern === 'gap_2024' || pattern === 'lower_2024' || pattern === 'conflict_2024') add(2024, 'initiative', 'co_so', 2, 'Sáng kiến cải tiến thủ tục một cửa');
      if (pattern === 'eligible' || pattern === 'gap_2024' || pattern === 'lower_2024' || pattern === 'conflict_2024') add(2023, 'initiative', 'co_so', 2, 'Sáng kiến số hóa hồ sơ hộ tịch');
      if (pattern === 'eligible_short') {
        add(2024, 'initiative', 'tinh', 2, 'Mô hình tổ dân phố tự quản, nhân rộng toàn Thành phố');
        rows.push({ nomineeKind: 'individual', individualId: p.id, year: 2024, kind: 'initiative', value: 'co_so', sourceNumber: `${240 + w}/QĐ-HĐSK`, sourceDate: '2024-11-15', note: 'Sáng kiến tuyên truyền pháp luật', createdBy });
      }
      if (pattern === 'eligible') for (const year of [2022, 2023, 2024]) add(year, 'title', 'cstd_co_so', 4);
    }
    const groups = (await tx.select({ id: collectives.id, unitId: collectives.unitId }).from(collectives).orderBy(collectives.id)).filter((c) => inWard.includes(c.unitId)).slice(0, 6);
    for (const [i, c] of groups.entries()) {
      for (const year of [2023, 2024]) {
        const rating = i % 3 === 2 && year === 2024 ? 'httnv' : 'htxsnv';
        rows.push({ nomineeKind: 'collective', collectiveId: c.id, year, kind: 'rating', value: rating, ...decision(year, 5), note: null, createdBy });
        rows.push({ nomineeKind: 'collective', collectiveId: c.id, year, kind: 'title', value: rating === 'htxsnv' ? 'ttldxs' : 'ttldtt', ...decision(year, 6), note: null, createdBy });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 200) await tx.insert(yearlyRecords).values(rows.slice(i, i + 200));
}
