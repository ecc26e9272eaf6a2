// Proposals up a level (DOMAIN.md "Levels"): a decided round's awards go as nominations to an open round run
// by a unit above — inside this deployment (proposeUp) or to another deployment as a signed ZIP
// (exportProposal → importProposal; the format is docs/proposal-format.md) — and what became of them is read
// by the lower office (getProposalView) and the higher one (nominationOrigin).
import 'server-only';
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { DB } from '@/db/connection';
import { first, isRowId } from '@/db/query';
import {
  attachments,
  awards,
  collectives,
  individuals,
  nominationComments,
  nominations,
  proposals,
  rounds,
  units,
  type NominationStatus,
  type NomineeKind,
} from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { discardStaged, recordAttachment, stageFile, uploadsDir, type StagedFile } from '@/lib/attachments';
import { DomainError } from '@/lib/errors';
import { getNomination } from '@/lib/nominations';
import { hasRole, inSubtree, isOffice, pathIds, roundRefusal, windowIsOpen, type Actor } from '@/lib/policy';
import { siteIdentity } from '@/lib/site-identity';
import { clean, cleanLines, compareVi, fold, pageByName } from '@/lib/text';
import { MAX_IMPORT_BYTES } from '@/lib/upload-limits';
import { originNote } from '@/lib/proposal-note';
import { write, type Tx } from '@/lib/workflow';
import { unzip, zip } from '@/lib/zip';

type Reader = Pick<DB, 'select'>;

export const PROPOSAL_FORMAT = 'vinhdanh-proposal';
export const PROPOSAL_VERSION = 1;

/** `upper` runs a unit strictly above `lower` (an ancestor on its path). */
export function isAbove(upperPath: string, lowerPath: string): boolean {
  return upperPath !== lowerPath && inSubtree(lowerPath, upperPath);
}

async function loadRound(db: Reader, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return first(
    db
      .select({
        id: rounds.id,
        slug: rounds.slug,
        title: rounds.title,
        status: rounds.status,
        authority: rounds.authority,
        awardForm: rounds.awardForm,
        period: rounds.period,
        unitId: rounds.unitId,
        unitPath: units.path,
        unitName: units.name,
        windowOpensAt: rounds.windowOpensAt,
        windowClosesAt: rounds.windowClosesAt,
        decisionNumber: rounds.decisionNumber,
        decisionDate: rounds.decisionDate,
        decisionSigner: rounds.decisionSigner,
      })
      .from(rounds)
      .innerJoin(units, eq(units.id, rounds.unitId))
      .where(eq(rounds.id, id)),
  );
}
type RoundRow = NonNullable<Awaited<ReturnType<typeof loadRound>>>;

const isDecided = (r: RoundRow) => r.status === 'decided' || r.status === 'published';

/** The lower round, for its administrators (who propose or export) — another office's round reads as not found. */
async function lowerForAdmin(db: Reader, actor: Actor | null, id: number): Promise<RoundRow> {
  const r = await loadRound(db, id);
  const refusal = roundRefusal(actor, 'decide', r?.unitPath);
  if (refusal) throw new DomainError(refusal);
  if (!r) throw new DomainError('not_found');
  if (!isDecided(r)) throw new DomainError('invalid_state', { from: r.status });
  return r;
}

/** Open rounds run by units above `lower`'s: where its list may be proposed. */
async function targetsOf(db: Reader, lower: RoundRow) {
  const above = pathIds(lower.unitPath).filter((id) => id !== lower.unitId);
  if (!above.length) return [];
  return db
    .select({ id: rounds.id, title: rounds.title, authority: rounds.authority, awardForm: rounds.awardForm, unitName: units.name, windowOpensAt: rounds.windowOpensAt, windowClosesAt: rounds.windowClosesAt })
    .from(rounds)
    .innerJoin(units, eq(units.id, rounds.unitId))
    .where(and(inArray(rounds.unitId, above), eq(rounds.status, 'open')))
    .orderBy(desc(rounds.id));
}

// ---------------------------------------------------------------------------------------------
// What the lower office reads

export type ProposedItem = { roundTitle: string; status: NominationStatus; reason: string | null; vote: { for: number; total: number } | null };
export type ProposalAward = { id: number; name: string; kind: NomineeKind; unit: string; position: string | null; revoked: boolean; proposed: ProposedItem[] };
export type ProposalView = {
  canPropose: boolean;
  /** Why proposing is not possible now (null when it is). */
  blocked: 'not_decided' | 'no_target' | null;
  targets: Array<{ id: number; title: string; authority: string; awardForm: string; unitName: string; windowOpen: boolean }>;
  /** This page of the round's awards (those whose name holds the words of `q`, when given). */
  awards: ProposalAward[];
  /** The round's awards, the ones matching `q`, and those not yet proposed nor revoked (the whole round). */
  total: { awards: number; matching: number; choosable: number };
  page: number;
  pageCount: number;
  counts: { proposed: number } & Partial<Record<NominationStatus, number>>;
};

/** Awards listed at once in "propose to the level above": a ward's or a district's list (148) fits on one page. */
export const PROPOSAL_PAGE_SIZE = 200;

/**
 * A decided round's awards and, for each, where it was proposed and what became of it there (with the
 * return, exclusion or rejection reason): read by the office over the round; proposing is for its admins.
 */
export async function getProposalView(actor: Actor | null, fromRoundId: number, filter: { q?: string; page?: number; pageSize?: number } = {}, now = new Date()): Promise<ProposalView> {
  const db = getDb();
  const r = await loadRound(db, fromRoundId);
  if (!r || !isOffice(actor) || !inSubtree(r.unitPath, actor.unitPath)) throw new DomainError('not_found');
  const admin = roundRefusal(actor, 'decide', r.unitPath) === null;
  const targets = (await targetsOf(db, r)).map((t) => ({ id: t.id, title: t.title, authority: t.authority, awardForm: t.awardForm, unitName: t.unitName, windowOpen: windowIsOpen(t, now) }));
  const list = await db
    .select({ id: awards.id, name: awards.name, kind: awards.nomineeKind, unit: awards.unitName, position: awards.position, revokedAt: awards.revokedAt })
    .from(awards)
    .where(eq(awards.roundId, r.id))
    .orderBy(asc(awards.nomineeKind), asc(awards.ordinal));
  const ids = list.map((a) => a.id);
  const sent = ids.length
    ? await db
        .select({ id: nominations.id, awardId: nominations.originAwardId, status: nominations.status, roundTitle: rounds.title, voteFor: nominations.voteFor, voteTotal: nominations.voteTotal })
        .from(nominations)
        .innerJoin(rounds, eq(rounds.id, nominations.roundId))
        .where(inArray(nominations.originAwardId, ids))
        .orderBy(asc(nominations.id))
    : [];
  const reasons = await latestReasons(db, sent.filter((s) => s.status !== 'submitted' && s.status !== 'checked' && s.status !== 'approved').map((s) => s.id));
  const byAward = new Map<number, ProposedItem[]>();
  const counts: ProposalView['counts'] = { proposed: sent.length };
  for (const s of sent) {
    const item: ProposedItem = {
      roundTitle: s.roundTitle,
      status: s.status,
      reason: reasons.get(s.id) ?? null,
      vote: (s.status === 'approved' || s.status === 'rejected') && s.voteFor != null && s.voteTotal != null ? { for: s.voteFor, total: s.voteTotal } : null,
    };
    byAward.set(s.awardId!, [...(byAward.get(s.awardId!) ?? []), item]);
    counts[s.status] = (counts[s.status] ?? 0) + 1;
  }
  const blocked = !isDecided(r) ? 'not_decided' : targets.length === 0 ? 'no_target' : null;
  // A province's list runs to a thousand awards or more: a page at a time, found by name (folded: "dang" finds Đặng).
  const shown = pageByName(list, filter.q, filter.page, filter.pageSize ?? PROPOSAL_PAGE_SIZE);
  return {
    canPropose: admin && blocked === null,
    blocked,
    targets,
    awards: shown.items.map((a) => ({ id: a.id, name: a.name, kind: a.kind, unit: a.unit, position: a.position, revoked: !!a.revokedAt, proposed: byAward.get(a.id) ?? [] })),
    total: { awards: list.length, matching: shown.matching, choosable: list.filter((a) => !a.revokedAt && !byAward.has(a.id)).length },
    page: shown.page,
    pageCount: shown.pageCount,
    counts,
  };
}

/** The latest reason written on each nomination by the higher office: a return, or a note (exclusion, withdrawal, reconsideration). */
async function latestReasons(db: Reader, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ nominationId: nominationComments.nominationId, body: nominationComments.body })
    .from(nominationComments)
    .where(and(inArray(nominationComments.nominationId, ids), inArray(nominationComments.kind, ['return', 'note'])))
    .orderBy(asc(nominationComments.id));
  return new Map(rows.map((r) => [r.nominationId, r.body]));
}

export type NominationOrigin = { authority: string; unit: string; round: string; decisionNumber: string | null; decisionDate: string | null; imported: boolean };

/** Where a proposed nomination comes from (null for one nominated in its own round): read with the nomination's own scope. */
export async function nominationOrigin(actor: Actor | null, nominationId: number): Promise<NominationOrigin | null> {
  await getNomination(actor, nominationId);
  const row = await first(
    getDb()
      .select({
        authority: proposals.originAuthority,
        unit: proposals.originUnit,
        round: proposals.originRound,
        decisionNumber: proposals.decisionNumber,
        decisionDate: proposals.decisionDate,
        manifest: proposals.manifestSha256,
      })
      .from(nominations)
      .innerJoin(proposals, eq(proposals.id, nominations.proposalId))
      .where(eq(nominations.id, nominationId)),
  );
  if (!row) return null;
  const { manifest, ...rest } = row;
  return { ...rest, imported: manifest !== null };
}

// ---------------------------------------------------------------------------------------------
// Inside one deployment

/** The award ids a proposal names: at least one, each a possible row id, without repeats. */
function awardIdsOf(awardIds: number[]): number[] {
  const ids = [...new Set(awardIds)];
  if (!ids.length || !ids.every(isRowId)) throw new DomainError('invalid_input', { field: 'awardIds' });
  return ids;
}

/** The chosen awards of the lower round in the decision's order, with their nominations' votes: every one
 * found in that round and none revoked (what proposing up and the signed export both send). */
async function chosenAwards(tx: DB, roundId: number, ids: number[]) {
  const list = await tx
    .select({
      id: awards.id,
      publicId: awards.publicId,
      kind: awards.nomineeKind,
      name: awards.name,
      individualId: awards.individualId,
      collectiveId: awards.collectiveId,
      position: awards.position,
      gender: awards.gender,
      birthYear: awards.birthYear,
      partyMember: awards.partyMember,
      unit: awards.unitName,
      summary: awards.summary,
      revokedAt: awards.revokedAt,
      nominationId: awards.nominationId,
      voteFor: nominations.voteFor,
      voteAgainst: nominations.voteAgainst,
      voteAbstain: nominations.voteAbstain,
      voteTotal: nominations.voteTotal,
    })
    .from(awards)
    .innerJoin(nominations, eq(nominations.id, awards.nominationId))
    .where(and(eq(awards.roundId, roundId), inArray(awards.id, ids)))
    .orderBy(asc(awards.nomineeKind), asc(awards.ordinal));
  if (list.length !== ids.length) throw new DomainError('not_found', { field: 'awardIds' });
  const revoked = list.filter((a) => a.revokedAt);
  if (revoked.length) throw new DomainError('invalid_state', { from: 'revoked', names: revoked.map((a) => a.name).join('; ') });
  return list;
}

/**
 * Proposes awards of a decided round to an open round run by a unit above its own, in one transaction: the
 * same person or collective, the summary, the lower council's tally and the decision (as text), and copies of
 * the dossier's files, become a submitted nomination of the higher round, from the lower round's unit, linked
 * to its award. Only the lower round's administrators; an award goes to a round once.
 */
export async function proposeUp(
  actor: Actor | null,
  input: { fromRoundId: number; toRoundId: number; awardIds: number[] },
  now = new Date(),
): Promise<{ proposalId: number; nominationIds: number[] }> {
  const ids = awardIdsOf(input.awardIds);
  const copied: string[] = [];
  try {
    return await write(async (tx) => {
      const from = await lowerForAdmin(tx, actor, input.fromRoundId);
      const to = await loadRound(tx, input.toRoundId);
      if (!to || !isAbove(to.unitPath, from.unitPath)) throw new DomainError('not_found', { field: 'toRoundId' });
      if (to.status !== 'open') throw new DomainError('invalid_state', { from: to.status });
      if (!windowIsOpen(to, now)) throw new DomainError('window_closed');
      const list = await chosenAwards(tx, from.id, ids);
      await refuseTaken(tx, to.id, list);
      const proposalId = (await first(
        tx
          .insert(proposals)
          .values({
            fromRoundId: from.id,
            toRoundId: to.id,
            originAuthority: from.authority,
            originUnit: from.unitName,
            originRound: from.title,
            decisionNumber: from.decisionNumber,
            decisionDate: from.decisionDate,
            proposedBy: actor!.id,
            proposedAt: now,
          })
          .returning({ id: proposals.id }),
      ))!.id;
      const nominationIds: number[] = [];
      for (const a of list) {
        const id = await insertProposed(tx, actor!, {
          roundId: to.id,
          unitId: from.unitId,
          proposalId,
          kind: a.kind,
          individualId: a.individualId,
          collectiveId: a.collectiveId,
          summary: a.summary,
          originAwardId: a.id,
          originRef: a.publicId,
          note: originNote({ authority: from.authority, unit: from.unitName, round: from.title, decisionNumber: from.decisionNumber, decisionDate: from.decisionDate, vote: a.voteFor != null && a.voteTotal != null ? { for: a.voteFor, total: a.voteTotal } : null }),
          now,
        });
        // The dossier's files are copied (a file removed from one nomination stays on the other).
        const files = await tx.select().from(attachments).where(eq(attachments.nominationId, a.nominationId)).orderBy(asc(attachments.id));
        for (const f of files) {
          const storageKey = randomBytes(16).toString('hex');
          const target = path.join(uploadsDir(), storageKey);
          try {
            fs.copyFileSync(path.join(uploadsDir(), f.storageKey), target, fs.constants.COPYFILE_EXCL);
          } catch {
            throw new DomainError('invalid_file', { reason: 'missing', name: f.fileName });
          }
          copied.push(target);
          await recordAttachment(tx, actor!, id, { fileName: f.fileName, mimeType: f.mimeType as StagedFile['mimeType'], size: f.size, sha256: f.sha256, storageKey, target }, now);
        }
        nominationIds.push(id);
      }
      await appendAudit(tx, {
        actorId: actor!.id,
        action: 'round.propose_up',
        entityType: 'round',
        entityId: from.id,
        at: now,
        after: { proposalId, toRoundId: to.id, title: to.title, awards: list.length, names: list.map((a) => a.name) },
      });
      return { proposalId, nominationIds };
    });
  } catch (e) {
    for (const f of copied) fs.rmSync(f, { force: true });
    throw e;
  }
}

/** Refuses awards already proposed to the round, and nominees it already holds (one nomination per nominee). */
async function refuseTaken(tx: Reader, roundId: number, list: Array<{ publicId: string; name: string; individualId: number | null; collectiveId: number | null }>) {
  const already = await tx
    .select({ ref: nominations.originRef })
    .from(nominations)
    .where(and(eq(nominations.roundId, roundId), inArray(nominations.originRef, list.map((a) => a.publicId))));
  if (already.length) {
    const refs = new Set(already.map((r) => r.ref));
    throw new DomainError('conflict', { what: 'proposed', names: list.filter((a) => refs.has(a.publicId)).map((a) => a.name).join('; ') });
  }
  const persons = list.map((a) => a.individualId).filter((x): x is number => x !== null);
  const groups = list.map((a) => a.collectiveId).filter((x): x is number => x !== null);
  const held = [
    ...(persons.length ? await tx.select({ id: nominations.individualId }).from(nominations).where(and(eq(nominations.roundId, roundId), inArray(nominations.individualId, persons))) : []).map((r) => `i${r.id}`),
    ...(groups.length ? await tx.select({ id: nominations.collectiveId }).from(nominations).where(and(eq(nominations.roundId, roundId), inArray(nominations.collectiveId, groups))) : []).map((r) => `c${r.id}`),
  ];
  if (held.length) {
    const h = new Set(held);
    throw new DomainError('conflict', { what: 'nominated', names: list.filter((a) => h.has(a.individualId ? `i${a.individualId}` : `c${a.collectiveId}`)).map((a) => a.name).join('; ') });
  }
}

/** One proposed nomination: submitted, with its origin note and its audit event. */
async function insertProposed(
  tx: Tx,
  actor: Actor,
  v: { roundId: number; unitId: number; proposalId: number; kind: NomineeKind; individualId: number | null; collectiveId: number | null; summary: string; originAwardId: number | null; originRef: string; note: string; now: Date },
): Promise<number> {
  const id = (await first(
    tx
      .insert(nominations)
      .values({
        roundId: v.roundId,
        nomineeKind: v.kind,
        individualId: v.individualId,
        collectiveId: v.collectiveId,
        unitId: v.unitId,
        summary: v.summary,
        status: 'submitted',
        createdBy: actor.id,
        submittedBy: actor.id,
        submittedAt: v.now,
        proposalId: v.proposalId,
        originAwardId: v.originAwardId,
        originRef: v.originRef,
        createdAt: v.now,
        updatedAt: v.now,
      })
      .returning({ id: nominations.id }),
  ))!.id;
  await tx.insert(nominationComments).values({ nominationId: id, authorId: actor.id, kind: 'comment', body: v.note, createdAt: v.now });
  await appendAudit(tx, {
    actorId: actor.id,
    action: 'nomination.propose',
    entityType: 'nomination',
    entityId: id,
    at: v.now,
    before: null,
    after: { status: 'submitted', roundId: v.roundId, proposalId: v.proposalId, originRef: v.originRef, kind: v.kind, individualId: v.individualId, collectiveId: v.collectiveId, unitId: v.unitId },
  });
  return id;
}

// ---------------------------------------------------------------------------------------------
// Between two deployments: a signed ZIP (docs/proposal-format.md)

const fileSchema = z.object({
  path: z.string().regex(/^files\/\d{1,4}\/[^/\\]{1,220}$/),
  name: z.string().min(1).max(220),
  mimeType: z.string().max(120),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const itemSchema = z.object({
  ref: z.string().min(1).max(64),
  kind: z.enum(['individual', 'collective']),
  name: z.string().min(1).max(300),
  position: z.string().max(300).nullable(),
  gender: z.enum(['male', 'female', 'other']).nullable(),
  birthYear: z.number().int().min(1900).max(2100).nullable(),
  partyMember: z.boolean().nullable(),
  unit: z.string().max(300),
  summary: z.string().max(20_000),
  vote: z.object({ for: z.number().int().min(0), against: z.number().int().min(0), abstain: z.number().int().min(0), total: z.number().int().min(0) }).nullable(),
  files: z.array(fileSchema).max(50),
});
export const manifestSchema = z.object({
  format: z.literal(PROPOSAL_FORMAT),
  version: z.literal(PROPOSAL_VERSION),
  createdAt: z.string().max(40),
  source: z.object({ deployment: z.string().max(300), agency: z.string().max(300), keyId: z.string().regex(/^[0-9a-f]{64}$/) }),
  round: z.object({ title: z.string().min(1).max(500), authority: z.string().min(1).max(300), awardForm: z.string().max(300), period: z.string().max(100), unit: z.string().min(1).max(300) }),
  decision: z.object({ number: z.string().max(100).nullable(), date: z.string().max(20).nullable(), signer: z.string().max(300).nullable() }),
  items: z.array(itemSchema).min(1).max(1000),
});
export type ProposalManifest = z.infer<typeof manifestSchema>;
const signatureSchema = z.object({ algorithm: z.literal('Ed25519'), keyId: z.string().regex(/^[0-9a-f]{64}$/), signature: z.string().max(200) });

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** A public key's id: SHA-256 of its SPKI DER bytes. */
export const keyIdOf = (key: KeyObject) => sha256(key.export({ type: 'spki', format: 'der' }));

/** The deployment's signing key: VINHDANH_PROPOSAL_SIGNING_KEY, an Ed25519 private key (PKCS#8, PEM or base64 DER). */
export function signingKey(env: Record<string, string | undefined> = process.env): KeyObject | null {
  const raw = env.VINHDANH_PROPOSAL_SIGNING_KEY?.trim();
  if (!raw) return null;
  try {
    const key = raw.includes('BEGIN') ? createPrivateKey(raw.replace(/\\n/g, '\n')) : createPrivateKey({ key: Buffer.from(raw, 'base64'), format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** The keys whose files this deployment accepts: VINHDANH_PROPOSAL_TRUSTED_KEYS, Ed25519 public keys (SPKI, base64 DER), comma-separated. */
export function trustedKeys(env: Record<string, string | undefined> = process.env): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  for (const part of (env.VINHDANH_PROPOSAL_TRUSTED_KEYS ?? '').split(/[,\s]+/).filter(Boolean)) {
    try {
      const key = createPublicKey({ key: Buffer.from(part, 'base64'), format: 'der', type: 'spki' });
      if (key.asymmetricKeyType === 'ed25519') out.set(keyIdOf(key), key);
    } catch {
      // An unreadable entry trusts nothing.
    }
  }
  return out;
}

/** The signed file of a proposal: the manifest, its signature and the dossiers' files. */
export function buildProposalFile(manifest: ProposalManifest, files: Array<{ path: string; data: Uint8Array }>, key: KeyObject, at = new Date()): Buffer {
  const body = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  const signature = { algorithm: 'Ed25519', keyId: manifest.source.keyId, signature: sign(null, body, key).toString('base64') };
  return zip([{ name: 'manifest.json', data: body }, { name: 'signature.json', data: Buffer.from(JSON.stringify(signature, null, 2), 'utf8') }, ...files.map((f) => ({ name: f.path, data: f.data }))], at);
}

/**
 * Exports awards of a decided round as a signed proposal file for a round of another deployment. Only the
 * round's administrators; needs the deployment's signing key. Audited (the list leaves the deployment).
 */
export async function exportProposal(
  actor: Actor | null,
  input: { fromRoundId: number; awardIds: number[] },
  now = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<{ fileName: string; bytes: Buffer }> {
  const ids = awardIdsOf(input.awardIds);
  return write(async (tx) => {
    const from = await lowerForAdmin(tx, actor, input.fromRoundId);
    const key = signingKey(env);
    if (!key) throw new DomainError('precondition', { missing: 'signing_key' });
    const list = await chosenAwards(tx, from.id, ids);
    const files: Array<{ path: string; data: Buffer }> = [];
    const items: ProposalManifest['items'] = [];
    for (const [i, a] of list.entries()) {
      const rows = await tx.select().from(attachments).where(eq(attachments.nominationId, a.nominationId)).orderBy(asc(attachments.id));
      const entries: ProposalManifest['items'][number]['files'] = [];
      for (const [j, f] of rows.entries()) {
        let data: Buffer;
        try {
          data = fs.readFileSync(path.join(uploadsDir(), f.storageKey));
        } catch {
          throw new DomainError('invalid_file', { reason: 'missing', name: f.fileName });
        }
        const p = `files/${i + 1}/${j + 1}-${f.fileName.replace(/[/\\]/g, '_')}`.slice(0, 230);
        files.push({ path: p, data });
        entries.push({ path: p, name: f.fileName, mimeType: f.mimeType, size: data.length, sha256: sha256(data) });
      }
      const vote = a.voteFor != null && a.voteTotal != null ? { for: a.voteFor, against: a.voteAgainst ?? 0, abstain: a.voteAbstain ?? Math.max(0, a.voteTotal - a.voteFor - (a.voteAgainst ?? 0)), total: a.voteTotal } : null;
      items.push({ ref: a.publicId, kind: a.kind, name: a.name, position: a.position, gender: a.gender, birthYear: a.birthYear, partyMember: a.partyMember, unit: a.unit, summary: a.summary, vote, files: entries });
    }
    const identity = siteIdentity(env);
    const manifest: ProposalManifest = {
      format: PROPOSAL_FORMAT,
      version: PROPOSAL_VERSION,
      createdAt: now.toISOString(),
      source: { deployment: identity.authority, agency: identity.agency, keyId: keyIdOf(createPublicKey(key)) },
      round: { title: from.title, authority: from.authority, awardForm: from.awardForm, period: from.period, unit: from.unitName },
      decision: { number: from.decisionNumber, date: from.decisionDate, signer: from.decisionSigner },
      items,
    };
    const bytes = buildProposalFile(manifest, files, key, now);
    await appendAudit(tx, { actorId: actor!.id, action: 'round.proposal_export', entityType: 'round', entityId: from.id, at: now, after: { awards: list.length, names: list.map((a) => a.name), sha256: sha256(bytes) } });
    return { fileName: `de-nghi-${from.slug}.zip`, bytes };
  });
}

export type VerifiedProposal = { manifest: ProposalManifest; manifestSha256: string; files: Map<string, Buffer> };

/**
 * Opens a proposal file and proves it: a ZIP of stored entries, a manifest of the format, signed by a trusted
 * key, and every file present with its size and SHA-256, nothing more. Any failure is `invalid_file` with a
 * reason (format, signature, untrusted, hash), before anything is written.
 */
export function verifyProposalFile(bytes: Uint8Array, env: Record<string, string | undefined> = process.env): VerifiedProposal {
  const bad = (reason: string, name = '') => new DomainError('invalid_file', { reason, name });
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_IMPORT_BYTES) throw bad('size');
  let entries: Array<{ name: string; data: Buffer }>;
  try {
    entries = unzip(bytes);
  } catch {
    throw bad('format');
  }
  const byName = new Map(entries.map((e) => [e.name, e.data]));
  const body = byName.get('manifest.json');
  const sigBody = byName.get('signature.json');
  if (!body || !sigBody) throw bad('format');
  let manifest: ProposalManifest;
  let sig: z.infer<typeof signatureSchema>;
  try {
    const m = manifestSchema.safeParse(JSON.parse(body.toString('utf8')));
    const s = signatureSchema.safeParse(JSON.parse(sigBody.toString('utf8')));
    if (!m.success || !s.success) throw new Error('schema');
    manifest = m.data;
    sig = s.data;
  } catch {
    throw bad('format');
  }
  const key = trustedKeys(env).get(sig.keyId);
  if (!key || sig.keyId !== manifest.source.keyId) throw bad('untrusted');
  if (!verify(null, body, key, Buffer.from(sig.signature, 'base64'))) throw bad('signature');
  // The signature covers the manifest; the manifest's hashes cover the files.
  const files = new Map<string, Buffer>();
  for (const item of manifest.items) {
    for (const f of item.files) {
      const data = byName.get(f.path);
      if (!data || data.length !== f.size || sha256(data) !== f.sha256 || files.has(f.path)) throw bad('hash', f.name);
      files.set(f.path, data);
    }
  }
  if (entries.length !== files.size + 2) throw bad('format');
  return { manifest, manifestSha256: sha256(body), files };
}

export type ImportPlanItem = { ref: string; kind: NomineeKind; name: string; unit: string; files: number; action: 'link' | 'create' | 'already' | 'conflict' };
export type ImportPlan = {
  source: ProposalManifest['source'];
  round: ProposalManifest['round'];
  decision: ProposalManifest['decision'];
  manifestSha256: string;
  items: ImportPlanItem[];
  committed: boolean;
  nominationIds: number[];
};

/** The higher round and the unit its nominations come from, for an administrator of that round. */
async function importTarget(tx: Reader, actor: Actor | null, toRoundId: number, unitId: number) {
  const to = await loadRound(tx, toRoundId);
  const refusal = roundRefusal(actor, 'edit', to?.unitPath);
  if (refusal) throw new DomainError(refusal);
  if (!to) throw new DomainError('not_found');
  if (to.status !== 'open' && to.status !== 'reviewing') throw new DomainError('invalid_state', { from: to.status });
  const unit = Number.isSafeInteger(unitId) ? await first(tx.select({ id: units.id, path: units.path, name: units.name, kind: units.kind }).from(units).where(eq(units.id, unitId))) : undefined;
  if (!unit || !isAbove(to.unitPath, unit.path) || !inSubtree(unit.path, actor!.unitPath)) throw new DomainError('not_found', { field: 'unitId' });
  return { to, unit };
}

/** What an import would do with each item: link a person or collective of the unit by name, create one, or neither (already proposed, already nominated). */
async function planImport(tx: Reader, toRoundId: number, unitId: number, manifest: ProposalManifest) {
  const refs = manifest.items.map((i) => i.ref);
  const already = new Set((await tx.select({ ref: nominations.originRef }).from(nominations).where(and(eq(nominations.roundId, toRoundId), inArray(nominations.originRef, refs)))).map((r) => r.ref));
  const people = await tx.select({ id: individuals.id, folded: individuals.nameFolded }).from(individuals).where(and(eq(individuals.unitId, unitId), isNull(individuals.mergedIntoId)));
  const groups = await tx.select({ id: collectives.id, folded: collectives.nameFolded }).from(collectives).where(and(eq(collectives.unitId, unitId), isNull(collectives.mergedIntoId)));
  const held = await tx.select({ i: nominations.individualId, c: nominations.collectiveId }).from(nominations).where(eq(nominations.roundId, toRoundId));
  const heldI = new Set(held.map((h) => h.i));
  const heldC = new Set(held.map((h) => h.c));
  return manifest.items.map((item) => {
    const name = clean(item.name);
    const match = (item.kind === 'individual' ? people : groups).find((p) => p.folded === fold(name));
    const taken = match && (item.kind === 'individual' ? heldI.has(match.id) : heldC.has(match.id));
    const action: ImportPlanItem['action'] = already.has(item.ref) ? 'already' : taken ? 'conflict' : match ? 'link' : 'create';
    return { item, name, matchId: match?.id ?? null, action };
  });
}

/**
 * Imports a verified proposal file into an open (or reviewing) round of this deployment, from a unit of its
 * subtree (the proposing body as registered here). Without `commit` it is a dry run: what would be linked,
 * created or left out. With `commit`, in one transaction: the proposal, the nominees not yet registered, one
 * submitted nomination per item with its origin note and its files (checked by content again), each audited.
 * Items already imported are left out; an item whose nominee the round already holds refuses the whole file.
 */
export async function importProposal(
  actor: Actor | null,
  input: { toRoundId: number; unitId: number; bytes: Uint8Array; commit: boolean },
  now = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<ImportPlan> {
  if (roundRefusal(actor, 'edit')) throw new DomainError('forbidden');
  const { manifest, manifestSha256, files } = verifyProposalFile(input.bytes, env);
  const summary = (plan: Awaited<ReturnType<typeof planImport>>, committed: boolean, nominationIds: number[]): ImportPlan => ({
    source: manifest.source,
    round: manifest.round,
    decision: manifest.decision,
    manifestSha256,
    items: plan.map((p) => ({ ref: p.item.ref, kind: p.item.kind, name: p.name, unit: p.item.unit, files: p.item.files.length, action: p.action })),
    committed,
    nominationIds,
  });
  if (!input.commit) {
    const db = getDb();
    await importTarget(db, actor, input.toRoundId, input.unitId);
    return summary(await planImport(db, input.toRoundId, input.unitId, manifest), false, []);
  }
  // Files are checked by content and written first; they go again if the transaction does not commit.
  const staged = new Map<string, StagedFile>();
  try {
    for (const item of manifest.items) for (const f of item.files) staged.set(f.path, stageFile({ name: f.name, bytes: files.get(f.path)! }));
    return await write(async (tx) => {
      const { to, unit } = await importTarget(tx, actor, input.toRoundId, input.unitId);
      const plan = await planImport(tx, to.id, unit.id, manifest);
      const conflicts = plan.filter((p) => p.action === 'conflict');
      if (conflicts.length) throw new DomainError('conflict', { what: 'nominated', names: conflicts.map((p) => p.name).join('; ') });
      const todo = plan.filter((p) => p.action !== 'already');
      if (!todo.length) throw new DomainError('conflict', { what: 'proposed', names: plan.map((p) => p.name).join('; ') });
      const proposalId = (await first(
        tx
          .insert(proposals)
          .values({
            fromRoundId: null,
            toRoundId: to.id,
            originAuthority: clean(manifest.round.authority),
            originUnit: clean(manifest.round.unit),
            originRound: clean(manifest.round.title),
            decisionNumber: manifest.decision.number ? clean(manifest.decision.number) : null,
            decisionDate: manifest.decision.date,
            manifestSha256,
            proposedBy: actor!.id,
            proposedAt: now,
          })
          .returning({ id: proposals.id }),
      ))!.id;
      const ids: number[] = [];
      for (const p of todo) {
        const it = p.item;
        let individualId: number | null = null;
        let collectiveId: number | null = null;
        if (p.matchId !== null) {
          if (it.kind === 'individual') individualId = p.matchId;
          else collectiveId = p.matchId;
        } else if (it.kind === 'individual') {
          individualId = (await first(
            tx
              .insert(individuals)
              .values({ fullName: p.name, nameFolded: fold(p.name), gender: it.gender, birthYear: it.birthYear, position: it.position ? clean(it.position) : null, partyMember: !!it.partyMember, unitId: unit.id })
              .returning({ id: individuals.id }),
          ))!.id;
          await appendAudit(tx, { actorId: actor!.id, action: 'individual.create', entityType: 'individual', entityId: individualId, at: now, after: { fullName: p.name, unitId: unit.id, proposalId } });
        } else {
          collectiveId = (await first(tx.insert(collectives).values({ name: p.name, nameFolded: fold(p.name), unitId: unit.id, kind: unit.kind }).returning({ id: collectives.id })))!.id;
          await appendAudit(tx, { actorId: actor!.id, action: 'collective.create', entityType: 'collective', entityId: collectiveId, at: now, after: { name: p.name, unitId: unit.id, proposalId } });
        }
        const id = await insertProposed(tx, actor!, {
          roundId: to.id,
          unitId: unit.id,
          proposalId,
          kind: it.kind,
          individualId,
          collectiveId,
          summary: cleanLines(it.summary),
          originAwardId: null,
          originRef: it.ref,
          note: originNote({ authority: manifest.round.authority, unit: manifest.round.unit, round: manifest.round.title, decisionNumber: manifest.decision.number, decisionDate: manifest.decision.date, vote: it.vote ? { for: it.vote.for, total: it.vote.total } : null }),
          now,
        });
        for (const f of it.files) await recordAttachment(tx, actor!, id, staged.get(f.path)!, now);
        ids.push(id);
      }
      // The files of items left out (already imported) are not kept.
      discardStaged(plan.filter((p) => p.action === 'already').flatMap((p) => p.item.files.map((f) => staged.get(f.path)!)));
      await appendAudit(tx, {
        actorId: actor!.id,
        action: 'round.proposal_import',
        entityType: 'round',
        entityId: to.id,
        at: now,
        after: { proposalId, manifestSha256, keyId: manifest.source.keyId, from: manifest.round.unit, decision: manifest.decision.number, awards: ids.length, names: todo.map((p) => p.name) },
      });
      return summary(plan, true, ids);
    });
  } catch (e) {
    discardStaged([...staged.values()]);
    throw e;
  }
}

/** Whether the actor may import proposal files at all (the page's link; importProposal checks the round). */
export function mayImportProposals(actor: Actor | null): boolean {
  return hasRole(actor, 'admin');
}

/** Whether this deployment can sign proposal files (the page offers the export only then). */
export function proposalSigningConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return signingKey(env) !== null;
}

/** The signed file of the chosen awards of the round named by its slug (the download route). */
export async function exportProposalBySlug(actor: Actor | null, slug: string, awardIds: number[], now = new Date()): Promise<{ fileName: string; bytes: Buffer }> {
  const r = await first(getDb().select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug)));
  if (!r) throw new DomainError('not_found');
  return exportProposal(actor, { fromRoundId: r.id, awardIds }, now);
}

/**
 * The receiving side of a file: a round its administrator may import into, and the units below the round's
 * unit (within the admin's scope) one of which stands for the proposing body.
 */
export async function getImportTarget(actor: Actor | null, toRoundId: number): Promise<{ id: number; title: string; status: string; units: Array<{ id: number; name: string }> }> {
  const db = getDb();
  const to = await loadRound(db, toRoundId);
  const refusal = roundRefusal(actor, 'edit', to?.unitPath);
  if (refusal || !to) throw new DomainError(refusal === 'forbidden' ? 'forbidden' : 'not_found');
  const rows = await db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(eq(units.active, true));
  const list = rows.filter((u) => isAbove(to.unitPath, u.path) && inSubtree(u.path, actor!.unitPath)).sort((a, b) => a.path.split('/').length - b.path.split('/').length || compareVi(a.name, b.name));
  return { id: to.id, title: to.title, status: to.status, units: list.map(({ id, name }) => ({ id, name })) };
}
