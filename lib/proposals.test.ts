// Proposals up a level: who may propose, when, where to, what travels (nominee, summary, tally, decision,
// files), idempotence, the return seen below, and the signed file between deployments (round trip, tampering).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { attachments, auditEvents, awards, individuals, nominationComments, nominations, proposals, rounds, units, users } from '@/db/tables';
import { DEMO_SLUGS, WARD_RETURN_REASON, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { first } from '@/db/query';
import { freshDatabase, queryPlan, statementsOf, useAsAppDatabase } from '@/tests/db';
import { unzip, zip } from './zip';
import { loadActor } from './users';
import type { Actor } from './policy';
import { returnNomination } from './workflow';
import { fold } from './text';
import { exportProposal, getProposalView, importProposal, nominationOrigin, proposeUp, verifyProposalFile } from './proposals';

let db: DB;
let wardAdmin: Actor;
let officer: Actor;
let officer2: Actor;
let reviewer: Actor;
let neighbourAdmin: Actor;
let wardRound: number;
let districtRound: number;
let publishedRound: number;
let neighbourRound: number;
let free: Array<{ id: number; nominationId: number; name: string; individualId: number | null }>;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const byName = async (u: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;
const roundOf = async (slug: string) => (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug))))!.id;
const counts = async () => ({
  nominations: (await first(db.select({ n: count() }).from(nominations)))!.n,
  proposals: (await first(db.select({ n: count() }).from(proposals)))!.n,
  attachments: (await first(db.select({ n: count() }).from(attachments)))!.n,
  individuals: (await first(db.select({ n: count() }).from(individuals)))!.n,
  audit: (await first(db.select({ n: count() }).from(auditEvents)))!.n,
});

function keys() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signing: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    trusted: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

beforeAll(async () => {
  process.env.UPLOADS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-proposals-'));
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  [wardAdmin, officer, officer2, reviewer, neighbourAdmin] = await Promise.all(['tanphong.admin', 'officer', 'officer2', 'reviewer', 'tanmyloi.admin'].map(byName));
  wardRound = await roundOf(DEMO_SLUGS.ward);
  districtRound = await roundOf(DEMO_SLUGS.open);
  publishedRound = await roundOf(DEMO_SLUGS.published);
  neighbourRound = await roundOf(DEMO_SLUGS.neighbour);
  const proposed = new Set((await db.select({ a: nominations.originAwardId }).from(nominations).where(isNotNull(nominations.originAwardId))).map((r) => r.a));
  free = (await db.select({ id: awards.id, nominationId: awards.nominationId, name: awards.name, individualId: awards.individualId }).from(awards).where(eq(awards.roundId, wardRound)).orderBy(asc(awards.id))).filter((a) => !proposed.has(a.id));
  // One of them carries a file in its dossier.
  fs.writeFileSync(path.join(process.env.UPLOADS_DIR, 'origin-file'), pdf);
  await db.insert(attachments).values({ nominationId: free[0].nominationId, fileName: 'bien-ban-hop-xet.pdf', mimeType: 'application/pdf', size: pdf.length, sha256: (await import('node:crypto')).createHash('sha256').update(pdf).digest('hex'), storageKey: 'origin-file', uploadedBy: wardAdmin.id });
});

describe('proposing a decided list up a level, inside one deployment', () => {
  it("is for the lower round's administrators only", async () => {
    const input = { fromRoundId: wardRound, toRoundId: districtRound, awardIds: [free[0].id] };
    await expect(proposeUp(officer, input)).rejects.toThrowError('forbidden');
    await expect(proposeUp(officer2, input)).rejects.toThrowError('forbidden');
    await expect(proposeUp(reviewer, input)).rejects.toThrowError('forbidden');
    // Another authority's admin: the round reads as not found.
    await expect(proposeUp(neighbourAdmin, input)).rejects.toThrowError('not_found');
    await expect(proposeUp(null, input)).rejects.toThrowError('forbidden');
  });

  it('waits for the decision, and goes only to an open round of a unit above', async () => {
    const neighbourAward = { fromRoundId: neighbourRound, toRoundId: districtRound, awardIds: [1] };
    await expect(proposeUp(neighbourAdmin, neighbourAward)).rejects.toThrowError('invalid_state');
    // The neighbouring ward is not above Tân Phong; the published district round is not open.
    await expect(proposeUp(wardAdmin, { fromRoundId: wardRound, toRoundId: neighbourRound, awardIds: [free[0].id] })).rejects.toThrowError('not_found');
    await expect(proposeUp(wardAdmin, { fromRoundId: wardRound, toRoundId: wardRound, awardIds: [free[0].id] })).rejects.toThrowError('not_found');
    await expect(proposeUp(wardAdmin, { fromRoundId: wardRound, toRoundId: publishedRound, awardIds: [free[0].id] })).rejects.toThrowError('invalid_state');
    // An award of another round is not part of this list.
    const other = (await first(db.select({ id: awards.id }).from(awards).where(eq(awards.roundId, publishedRound))))!.id;
    await expect(proposeUp(wardAdmin, { fromRoundId: wardRound, toRoundId: districtRound, awardIds: [other] })).rejects.toThrowError('not_found');
    await expect(proposeUp(wardAdmin, { fromRoundId: wardRound, toRoundId: districtRound, awardIds: [] })).rejects.toThrowError('invalid_input');
    // An id no row can have (beyond PostgreSQL's integer) is bad input on both engines, never a driver error.
    await expect(proposeUp(wardAdmin, { fromRoundId: wardRound, toRoundId: districtRound, awardIds: [2 ** 40] })).rejects.toThrowError('invalid_input');
  });

  it('lists the targets above and what was already proposed', async () => {
    const view = await getProposalView(wardAdmin, wardRound);
    expect(view.canPropose).toBe(true);
    expect(view.targets.map((t) => t.id)).toEqual([districtRound]);
    expect(view.counts).toMatchObject({ proposed: 3, submitted: 2, returned: 1 });
    const returned = view.awards.flatMap((a) => a.proposed).find((p) => p.status === 'returned')!;
    expect(returned.reason).toBe(WARD_RETURN_REASON);
    await expect(getProposalView(neighbourAdmin, wardRound)).rejects.toThrowError('not_found');
    await expect(getProposalView(officer2, wardRound)).rejects.toThrowError('not_found');
    // The district office, above the ward, reads it but does not propose a ward's list from it.
    expect((await getProposalView(reviewer, wardRound)).canPropose).toBe(false);
  });

  it('creates submitted nominations of the higher round with the nominee, summary, tally, decision and files, audited', async () => {
    const before = await counts();
    const lastEvent = (await first(db.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id))))!.id;
    const now = new Date();
    const { proposalId, nominationIds } = await proposeUp(wardAdmin, { fromRoundId: wardRound, toRoundId: districtRound, awardIds: free.map((a) => a.id) }, now);
    expect(nominationIds).toHaveLength(free.length);
    const rows = await db.select().from(nominations).where(eq(nominations.proposalId, proposalId)).orderBy(asc(nominations.id));
    const wardUnit = (await first(db.select({ unitId: rounds.unitId }).from(rounds).where(eq(rounds.id, wardRound))))!.unitId;
    for (const n of rows) {
      const a = (await first(db.select().from(awards).where(eq(awards.id, n.originAwardId!))))!;
      expect(n).toMatchObject({ roundId: districtRound, status: 'submitted', unitId: wardUnit, individualId: a.individualId, collectiveId: a.collectiveId, summary: a.summary, originRef: a.publicId, submittedBy: wardAdmin.id });
      const note = (await first(db.select({ body: nominationComments.body }).from(nominationComments).where(eq(nominationComments.nominationId, n.id))))!.body;
      expect(note).toContain('35/QĐ-UBND');
      expect(note).toMatch(/\d\/9 phiếu tán thành/);
    }
    // The file was copied: a new stored file with the same content.
    const copied = (await first(db.select().from(attachments).where(eq(attachments.nominationId, rows.find((n) => n.originAwardId === free[0].id)!.id))))!;
    expect(copied.storageKey).not.toBe('origin-file');
    expect(fs.readFileSync(path.join(process.env.UPLOADS_DIR!, copied.storageKey)).equals(pdf)).toBe(true);
    const after = await counts();
    expect(after.nominations - before.nominations).toBe(free.length);
    expect(after.attachments - before.attachments).toBe(1);
    const events = await db.select({ action: auditEvents.action, entityId: auditEvents.entityId }).from(auditEvents).where(gt(auditEvents.id, lastEvent));
    expect(events.filter((e) => e.action === 'nomination.propose').map((e) => e.entityId).sort()).toEqual([...nominationIds].sort());
    expect(events.filter((e) => e.action === 'nomination.attach')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'round.propose_up').map((e) => e.entityId)).toEqual([wardRound]);
  });

  it('takes an award once per round: a second proposal writes nothing', async () => {
    const before = await counts();
    await expect(proposeUp(wardAdmin, { fromRoundId: wardRound, toRoundId: districtRound, awardIds: [free[0].id] })).rejects.toMatchObject({ code: 'conflict', params: { what: 'proposed', names: free[0].name } });
    expect(await counts()).toEqual(before);
  });

  it('shows the higher office a return with its reason on the lower round, and the origin on the nomination', async () => {
    const id = (await first(db.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.originAwardId, free[0].id), eq(nominations.roundId, districtRound)))))!.id;
    await returnNomination(reviewer, id, 'Thiếu biên bản họp xét có chữ ký của chủ tọa.');
    const view = await getProposalView(wardAdmin, wardRound);
    const item = view.awards.find((a) => a.id === free[0].id)!.proposed[0];
    expect(item).toMatchObject({ status: 'returned', reason: 'Thiếu biên bản họp xét có chữ ký của chủ tọa.' });
    expect(view.counts).toMatchObject({ proposed: 3 + free.length, returned: 2 });
    expect(await nominationOrigin(reviewer, id)).toMatchObject({ unit: 'Phường Tân Phong', decisionNumber: '35/QĐ-UBND', imported: false });
    // The ward's officer answers the return (the nominating unit is the ward).
    expect((await nominationOrigin(officer, id))!.unit).toBe('Phường Tân Phong');
    await expect(nominationOrigin(neighbourAdmin, id)).rejects.toThrowError('not_found');
  });
});

describe("a long decided list (a province's: a thousand awards or more)", () => {
  it('is read a page at a time, every award once, in the decision\'s order, with the counts of the whole list', async () => {
    const all = await db.select({ id: awards.id }).from(awards).where(eq(awards.roundId, publishedRound)).orderBy(asc(awards.nomineeKind), asc(awards.ordinal));
    expect(all.length).toBeGreaterThan(100);
    const view = await getProposalView(reviewer, publishedRound, { pageSize: 50 });
    expect(view).toMatchObject({ page: 1, pageCount: Math.ceil(all.length / 50), total: { awards: all.length, matching: all.length } });
    expect(view.awards).toHaveLength(50);
    const seen: number[] = [];
    for (let page = 1; page <= view.pageCount; page++) seen.push(...(await getProposalView(reviewer, publishedRound, { page, pageSize: 50 })).awards.map((a) => a.id));
    expect(seen).toEqual(all.map((a) => a.id));
    // A page past the end is the last one.
    expect((await getProposalView(reviewer, publishedRound, { page: 999, pageSize: 50 })).page).toBe(view.pageCount);
    // The whole list's standing, whatever the page shows: none proposed from the published district round.
    expect(view.total.choosable).toBe((await db.select({ id: awards.id }).from(awards).where(and(eq(awards.roundId, publishedRound), isNull(awards.revokedAt)))).length);
  });

  it('is found by name, without diacritics and with đ folded', async () => {
    const names = (await db.select({ name: awards.name }).from(awards).where(eq(awards.roundId, publishedRound))).map((a) => a.name);
    const withD = names.find((n) => /[đĐ]/.test(n))!;
    expect(withD).toBeDefined();
    // Typed as on a keyboard without Vietnamese input: "Đặng Thị" as "dang thi".
    const words = fold(withD).split(' ').slice(0, 2);
    const expected = names.filter((n) => words.every((w) => fold(n).includes(w)));
    const found = await getProposalView(reviewer, publishedRound, { q: words.join(' ').toUpperCase() });
    expect(found.awards.map((a) => a.name).sort()).toEqual([...expected].sort());
    expect(found.awards.map((a) => a.name)).toContain(withD);
    expect(found.total).toMatchObject({ awards: names.length, matching: expected.length });
    expect((await getProposalView(reviewer, publishedRound, { q: 'zzzq' })).total.matching).toBe(0);
  });

  it("finds where each award went through the nominations' origin index, never reading every nomination", async () => {
    const sent = (await statementsOf(db, () => getProposalView(wardAdmin, wardRound))).find((st) => /origin_award_id/.test(st.text) && /from "nominations"/i.test(st.text))!;
    expect(sent).toBeDefined();
    const plan = await queryPlan(db, sent.text, sent.params);
    // A nation's 3,000,000 nominations were scanned for each view of a round (0.7 s); by the index, 20 ms.
    expect(plan).toMatch(/nominations_origin_award/);
    expect(plan).not.toMatch(/SCAN nominations\b|Seq Scan on nominations/);
  });
});

describe('the signed proposal file between two deployments', () => {
  const k = keys();
  const sender = { VINHDANH_PROPOSAL_SIGNING_KEY: k.signing };
  const receiver = { VINHDANH_PROPOSAL_TRUSTED_KEYS: k.trusted };
  let file: Buffer;
  let quarter: number;

  beforeAll(async () => {
    quarter = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Khu phố 1, Phường Tân Mỹ Lợi'))))!.id;
  });

  it('needs a signing key and the round administrator', async () => {
    await expect(exportProposal(wardAdmin, { fromRoundId: wardRound, awardIds: [free[0].id] }, new Date(), {})).rejects.toMatchObject({ code: 'precondition', params: { missing: 'signing_key' } });
    await expect(exportProposal(officer, { fromRoundId: wardRound, awardIds: [free[0].id] }, new Date(), sender)).rejects.toThrowError('forbidden');
  });

  it('carries the manifest, its signature and every file with its hash', async () => {
    ({ bytes: file } = await exportProposal(wardAdmin, { fromRoundId: wardRound, awardIds: free.map((a) => a.id) }, new Date(), sender));
    const names = unzip(file).map((e) => e.name);
    expect(names.slice(0, 2)).toEqual(['manifest.json', 'signature.json']);
    expect(names.filter((n) => n.startsWith('files/'))).toHaveLength(1);
    const { manifest, files } = verifyProposalFile(file, receiver);
    expect(manifest.decision.number).toBe('35/QĐ-UBND');
    expect(manifest.round.unit).toBe('Phường Tân Phong');
    expect(manifest.items.map((i) => i.name)).toEqual(expect.arrayContaining(free.map((a) => a.name)));
    expect([...files.values()][0].equals(pdf)).toBe(true);
  });

  it('imports after a dry run into a round of the receiving deployment, once', async () => {
    const before = await counts();
    const dry = await importProposal(neighbourAdmin, { toRoundId: neighbourRound, unitId: quarter, bytes: file, commit: false }, new Date(), receiver);
    expect(dry.committed).toBe(false);
    expect(dry.items.map((i) => i.action)).toEqual(free.map(() => 'create'));
    expect(await counts()).toEqual(before);
    const done = await importProposal(neighbourAdmin, { toRoundId: neighbourRound, unitId: quarter, bytes: file, commit: true }, new Date(), receiver);
    expect(done.nominationIds).toHaveLength(free.length);
    const rows = await db.select({ status: nominations.status, unitId: nominations.unitId, individualId: nominations.individualId }).from(nominations).where(eq(nominations.roundId, neighbourRound));
    const imported = rows.filter((r) => r.unitId === quarter);
    expect(imported).toHaveLength(free.length);
    expect(imported.every((r) => r.status === 'submitted' && r.individualId !== null && !free.some((a) => a.individualId === r.individualId))).toBe(true);
    const origin = await nominationOrigin(neighbourAdmin, done.nominationIds[0]);
    expect(origin).toMatchObject({ unit: 'Phường Tân Phong', imported: true });
    const after = await counts();
    expect(after.attachments - before.attachments).toBe(1);
    // The same file again: everything is already there.
    const again = await importProposal(neighbourAdmin, { toRoundId: neighbourRound, unitId: quarter, bytes: file, commit: false }, new Date(), receiver);
    expect(again.items.every((i) => i.action === 'already')).toBe(true);
    await expect(importProposal(neighbourAdmin, { toRoundId: neighbourRound, unitId: quarter, bytes: file, commit: true }, new Date(), receiver)).rejects.toMatchObject({ code: 'conflict' });
    expect(await counts()).toEqual(after);
  });

  it('refuses a tampered, unsigned or untrusted file, writing nothing', async () => {
    const before = await counts();
    const entries = unzip(file);
    const rebuilt = (change: (e: { name: string; data: Buffer }) => { name: string; data: Buffer }) => zip(entries.map(change));
    const reason = async (bytes: Uint8Array, env: Record<string, string> = receiver) => {
      try {
        await importProposal(neighbourAdmin, { toRoundId: neighbourRound, unitId: quarter, bytes, commit: true }, new Date(), env);
        return 'imported';
      } catch (e) {
        return `${(e as { code: string }).code}:${(e as { params: { reason: string } }).params.reason}`;
      }
    };
    // A changed file, a changed manifest, a file added, a signature of another key, no trusted key, not a ZIP.
    expect(await reason(rebuilt((e) => (e.name.startsWith('files/') ? { ...e, data: Buffer.concat([e.data, Buffer.from(' ')]) } : e)))).toBe('invalid_file:hash');
    expect(await reason(rebuilt((e) => (e.name === 'manifest.json' ? { ...e, data: Buffer.from(e.data.toString('utf8').replace('35/QĐ-UBND', '36/QĐ-UBND')) } : e)))).toBe('invalid_file:signature');
    expect(await reason(zip([...entries, { name: 'files/99/extra.pdf', data: pdf }]))).toBe('invalid_file:format');
    expect(await reason(file, { VINHDANH_PROPOSAL_TRUSTED_KEYS: keys().trusted })).toBe('invalid_file:untrusted');
    expect(await reason(file, {})).toBe('invalid_file:untrusted');
    expect(await reason(Buffer.from('PK not really a zip'))).toBe('invalid_file:format');
    expect(await counts()).toEqual(before);
  });

  it('imports only for the administrator of the receiving round, from a unit below it', async () => {
    await expect(importProposal(wardAdmin, { toRoundId: neighbourRound, unitId: quarter, bytes: file, commit: false }, new Date(), receiver)).rejects.toThrowError('not_found');
    await expect(importProposal(officer, { toRoundId: neighbourRound, unitId: quarter, bytes: file, commit: false }, new Date(), receiver)).rejects.toThrowError('forbidden');
    const ward = (await first(db.select({ unitId: rounds.unitId }).from(rounds).where(eq(rounds.id, neighbourRound))))!.unitId;
    await expect(importProposal(neighbourAdmin, { toRoundId: neighbourRound, unitId: ward, bytes: file, commit: false }, new Date(), receiver)).rejects.toThrowError('not_found');
  });
});
