// Recording a decision made on paper: the round's terms and decision, and its list entered in a form or
// imported from XLSX/CSV. A dry run checks every row (the registry import's rules and messages) and
// matches each name against the registry — exact matches are linked, near matches are offered for the
// user to choose, the rest will be created. Confirming writes it all in one transaction: the round goes
// straight to `decided`, marked as recorded from the archive, and may then be published.
import 'server-only';
import { and, inArray, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { collectives, individuals, nominations, rounds, units } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { isFutureDate } from '@/lib/dates';
import { DomainError } from '@/lib/errors';
import { ARCHIVE_COLUMNS, parseSheet, readStaged, stageFile, type ParsedRow, type RowError, type Sheet } from '@/lib/import';
import { nameMatcher } from '@/lib/name-match';
import { roundRefusal, type Actor } from '@/lib/policy';
import { listRoundUnitOptions } from '@/lib/rounds';
import { clean, fold } from '@/lib/text';
import { createAwards, uniqueSlug, write } from '@/lib/workflow';
import { finalListEntries } from '@/lib/final-list';
import { first } from '@/db/query';

export type ArchiveTerms = {
  title: string;
  theme: string;
  period: string;
  authority: string;
  awardForm: string;
  decisionNumber: string;
  /** YYYY-MM-DD */
  decisionDate: string;
  decisionSigner: string;
  decisionPlace: string | null;
};

export type CandidateInfo = { id: number; name: string; unit: string; detail: string };
export type ArchiveRow = {
  row: number;
  kind: 'individual' | 'collective';
  name: string;
  unit: string;
  position: string | null;
  /** exact: linked to `linked`; near: the user chooses among `candidates` or a new entry; new: created. */
  match: 'exact' | 'near' | 'new';
  linked: number | null;
  candidates: CandidateInfo[];
};
export type ArchivePreview = { rows: number; errors: RowError[]; fileError?: Sheet['fileError']; list: ArchiveRow[] };

function requireAdmin(actor: Actor | null): Actor {
  if (roundRefusal(actor, 'create')) throw new DomainError('forbidden');
  return actor!;
}

/** Checks the list and matches each name against the registry (a read; nothing is written). */
async function preview(actor: Actor, bytes: Uint8Array, now: Date): Promise<ArchivePreview & { parsed: ParsedRow[] }> {
  const sheet = await parseSheet(actor, { columns: ARCHIVE_COLUMNS, kind: null, bytes }, now);
  if (sheet.fileError || sheet.errors.length) return { rows: sheet.rows, errors: sheet.errors, fileError: sheet.fileError, list: [], parsed: [] };
  const db = getDb();
  const unitIds = [...new Set(sheet.parsed.map((p) => p.unitId))];
  const unitNames = new Map((await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))).map((u) => [u.id, u.name]));
  // Only the registry of the units the list names: the matcher needs the same unit anyway.
  const people = await db
    .select({ id: individuals.id, name: individuals.fullName, unitId: individuals.unitId, birthYear: individuals.birthYear, position: individuals.position })
    .from(individuals)
    .where(and(inArray(individuals.unitId, unitIds), isNull(individuals.mergedIntoId)));
  const groups = await db
    .select({ id: collectives.id, name: collectives.name, unitId: collectives.unitId })
    .from(collectives)
    .where(and(inArray(collectives.unitId, unitIds), isNull(collectives.mergedIntoId)));
  const matchPerson = nameMatcher(people);
  const matchGroup = nameMatcher(groups);
  const personById = new Map(people.map((p) => [p.id, p]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const list = sheet.parsed.map((p): ArchiveRow => {
    const m = (p.kind === 'individual' ? matchPerson : matchGroup)(p.name, p.unitId);
    const candidates = m.near.map((id) => {
      const person = p.kind === 'individual' ? personById.get(id)! : null;
      const c = person ?? groupById.get(id)!;
      return { id, name: c.name, unit: unitNames.get(c.unitId) ?? '', detail: person ? [person.birthYear, person.position].filter(Boolean).join(', ') : '' };
    });
    return {
      row: p.row,
      kind: p.kind,
      name: p.name,
      unit: unitNames.get(p.unitId) ?? '',
      position: p.position,
      match: m.exact !== null ? 'exact' : candidates.length ? 'near' : 'new',
      linked: m.exact,
      candidates,
    };
  });
  return { rows: sheet.rows, errors: [], list, parsed: sheet.parsed };
}

type ArchiveMeta = { terms: ArchiveTerms };

/** The dry run: row errors, or the matched list and a token to confirm it with. */
export async function checkArchiveList(actor: Actor | null, input: { terms: ArchiveTerms; bytes: Uint8Array }, now = new Date()): Promise<ArchivePreview & { token?: string }> {
  const a = requireAdmin(actor);
  const { parsed: _parsed, ...result } = await preview(a, input.bytes, now);
  if (result.fileError || result.errors.length) return result;
  if (result.list.length === 0) return { ...result, fileError: { code: 'empty' } };
  if (isFutureDate(input.terms.decisionDate, now)) throw new DomainError('future_date', { field: 'decisionDate' });
  return { ...result, token: stageFile<ArchiveMeta>(a, input.bytes, { terms: input.terms }) };
}

/**
 * Records the round from the checked list. `choices` answers every near match: the id of the registry
 * entry that is the same person or collective, or 'new'. Returns the round's id and its award count.
 */
export async function recordArchiveRound(
  actor: Actor | null,
  input: { token: string; choices: Record<number, number | 'new'> },
  now = new Date(),
): Promise<{ id: number; slug: string; awards: number; linked: number; created: number }> {
  const a = requireAdmin(actor);
  const staged = readStaged<ArchiveMeta>(a, input.token);
  const checked = await preview(a, staged.bytes, now);
  if (checked.fileError || checked.errors.length) throw new DomainError('invalid_input', { field: 'file' });
  const unanswered = checked.list.filter((r) => r.match === 'near' && !(input.choices[r.row] === 'new' || r.candidates.some((c) => c.id === input.choices[r.row])));
  if (unanswered.length) throw new DomainError('choice_required', { rows: unanswered.map((r) => r.row).join(', ') });
  const t = staged.meta.terms;
  if (isFutureDate(t.decisionDate, now)) throw new DomainError('future_date', { field: 'decisionDate' });
  const result = await write(async (tx) => {
    const slug = await uniqueSlug(tx, t.title);
    const terms = {
      title: clean(t.title),
      theme: clean(t.theme),
      period: clean(t.period),
      authority: clean(t.authority),
      awardForm: clean(t.awardForm),
      decisionNumber: clean(t.decisionNumber),
      decisionDate: t.decisionDate,
      decisionSigner: clean(t.decisionSigner),
      decisionPlace: t.decisionPlace ? clean(t.decisionPlace) : null,
    };
    const unitId = (await listRoundUnitOptions(a))[0]?.id ?? a.unitId;
    const roundId = (await first(tx
      .insert(rounds)
      // Run (issued) by the admin's People's Committee when there is one, as a new round defaults to.
      .values({ ...terms, slug, unitId, status: 'decided', source: 'archive', decidedAt: now, createdAt: now, updatedAt: now })
      .returning({ id: rounds.id })))!.id;
    let linked = 0;
    let created = 0;
    const used = new Set<string>();
    for (const [i, p] of checked.parsed.entries()) {
      const row = checked.list[i];
      const choice = row.match === 'exact' ? row.linked : row.match === 'near' && input.choices[p.row] !== 'new' ? (input.choices[p.row] as number) : null;
      let individualId: number | null = null;
      let collectiveId: number | null = null;
      if (choice !== null) {
        linked++;
        if (p.kind === 'individual') individualId = choice;
        else collectiveId = choice;
      } else {
        created++;
        if (p.kind === 'individual') {
          individualId = (await first(tx
            .insert(individuals)
            .values({ fullName: p.name, nameFolded: fold(p.name), gender: p.gender, birthYear: p.birthYear, position: p.position, unitId: p.unitId, partyMember: p.party })
            .returning({ id: individuals.id })))!.id;
        } else {
          collectiveId = (await first(tx.insert(collectives).values({ name: p.name, nameFolded: fold(p.name), unitId: p.unitId, kind: p.unitKind }).returning({ id: collectives.id })))!.id;
        }
      }
      // Two lines of one decision never name the same registry entry.
      const key = `${p.kind}|${individualId ?? collectiveId}`;
      if (used.has(key)) throw new DomainError('invalid_input', { field: `row ${p.row}` });
      used.add(key);
      await tx.insert(nominations)
        .values({ roundId, nomineeKind: p.kind, individualId, collectiveId, unitId: p.unitId, summary: p.summary, status: 'approved', createdBy: a.id, decidedAt: now, updatedAt: now, createdAt: now });
    }
    const awards = await createAwards(tx, roundId, await finalListEntries(tx, roundId));
    await appendAudit(tx, {
      actorId: a.id,
      action: 'round.archive_recorded',
      entityType: 'round',
      entityId: roundId,
      before: null,
      after: { ...terms, slug, status: 'decided', source: 'archive', awards, linked, created },
    });
    return { id: roundId, slug, awards, linked, created };
  });
  staged.discard();
  return result;
}
