// Documents the office signs and files: the decision's attached list (DOCX, laid out per Decree
// 30/2020/NĐ-CP, and XLSX), the round report (XLSX), and the public CSV of a published round.
// Every CSV cell that could start a formula is neutralised; XLSX cells are typed (a string is never a
// formula there), so the XLSX exports write the text as it is.
import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { vietnameseDate } from '@/lib/dates';
import { getDb } from '@/db/client';
import { awards, councilSittings, nominations, roundQuotas, rounds, units } from '@/db/tables';
import { DomainError } from '@/lib/errors';
import { standingSignoff } from '@/lib/final-list';
import { inSubtree, isOffice, type Actor } from '@/lib/policy';
import { first } from '@/db/query';

export type DecisionList = {
  slug: string;
  title: string;
  authority: string;
  awardForm: string;
  issuer: string;
  decisionNumber: string;
  decisionDate: string;
  decisionPlace: string;
  decisionSigner: string;
  /** SHA-256 of the list the approver signed off (rounds recorded from the archive have none). */
  listHash: string | null;
  /** The council sitting whose minutes the decision rests on (/manage/rounds/[slug]/export/minutes.docx). */
  sitting: { heldOn: string; place: string } | null;
  collectives: Array<{ ordinal: number; name: string; unit: string; summary: string; revoked: boolean }>;
  individuals: Array<{ ordinal: number; name: string; position: string | null; unit: string; summary: string; revoked: boolean }>;
};

/** The attached list as decided (revoked awards included and marked), for the district office. */
export async function getDecisionList(actor: Actor | null, slug: string): Promise<DecisionList> {
  if (!isOffice(actor)) throw new DomainError('not_found');
  const db = getDb();
  const r = await first(db
    .select({ unitPath: units.path, id: rounds.id, slug: rounds.slug, title: rounds.title, authority: rounds.authority, awardForm: rounds.awardForm, status: rounds.status, decisionNumber: rounds.decisionNumber, decisionDate: rounds.decisionDate, decisionPlace: rounds.decisionPlace, decisionSigner: rounds.decisionSigner, issuer: units.name })
    .from(rounds)
    .innerJoin(units, eq(units.id, rounds.unitId))
    .where(eq(rounds.slug, slug)));
  if (!r || !['decided', 'published', 'archived'].includes(r.status) || !r.decisionNumber || !r.decisionDate) throw new DomainError('not_found');
  // Another office's round reads as not found.
  if (!inSubtree(r.unitPath, actor.unitPath)) throw new DomainError('not_found');
  const list = await db
    .select({ kind: awards.nomineeKind, ordinal: awards.ordinal, name: awards.name, position: awards.position, unit: awards.unitName, summary: awards.summary, revokedAt: awards.revokedAt })
    .from(awards)
    .where(eq(awards.roundId, r.id))
    .orderBy(asc(awards.nomineeKind), asc(awards.ordinal));
  return {
    slug: r.slug,
    title: r.title,
    authority: r.authority,
    awardForm: r.awardForm,
    issuer: r.issuer,
    decisionNumber: r.decisionNumber,
    decisionDate: r.decisionDate,
    decisionPlace: r.decisionPlace ?? defaultDecisionPlace() ?? '',
    decisionSigner: r.decisionSigner ?? '',
    listHash: (await standingSignoff(db, r.id))?.listHash ?? null,
    sitting: (await first(db.select({ heldOn: councilSittings.heldOn, place: councilSittings.place }).from(councilSittings).where(eq(councilSittings.roundId, r.id)))) ?? null,
    collectives: list.filter((a) => a.kind === 'collective').map((a) => ({ ordinal: a.ordinal, name: a.name, unit: a.unit, summary: a.summary, revoked: !!a.revokedAt })),
    individuals: list.filter((a) => a.kind === 'individual').map((a) => ({ ordinal: a.ordinal, name: a.name, position: a.position, unit: a.unit, summary: a.summary, revoked: !!a.revokedAt })),
  };
}

export { vietnameseDate };

/** The place written before a document's date when the round names none: a deployment setting. */
export function defaultDecisionPlace(): string | null {
  return process.env.DECISION_PLACE?.trim() || null;
}

/** Excel and LibreOffice run a CSV cell that starts with = + - @ (or a tab/CR) as a formula: prefix a quote. */
export function safeCell(value: string | number | null | undefined): string | number {
  if (value == null) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const FONT = 'Times New Roman';
export const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: (o.size ?? 13) * 2, bold: o.bold, italics: o.italics });
export const para = (children: TextRun[], align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER, after = 0) => new Paragraph({ children, alignment: align, spacing: { after } });
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

function cell(text: string, width: number, o: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) {
  return new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: [para([run(text, { bold: o.bold })], o.align ?? AlignmentType.LEFT)] });
}

export function listTable(header: string[], widths: number[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, widths[i], { bold: true, align: AlignmentType.CENTER })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, widths[i], { align: i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT })) })),
    ],
  });
}

/** The Decree 30 heading: the issuing body (left, bold, ruled; its number below) beside the national
 * title, the motto and the place and date (right). */
export function decree30Heading(issuer: string[], number: string | null, place: string, isoDate: string): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 40, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [...issuer.map((line) => para([run(line, { bold: true })])), para([run('―――――')]), ...(number ? [para([run(number)])] : [])],
          }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [
              para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 })]),
              para([run('Độc lập - Tự do - Hạnh phúc', { bold: true })]),
              para([run('―――――――――――')]),
              para([run(vietnameseDate(isoDate, place), { italics: true })]),
            ],
          }),
        ],
      }),
    ],
  });
}

/** The decision's attached list as DOCX: national title and motto, number, place and date, the lists. */
export async function decisionDocx(list: DecisionList, opts: { footer?: string } = {}): Promise<Buffer> {
  // The signed list's hash in the footer lets a printed copy be matched to the record.
  opts = { footer: opts.footer ?? (list.listHash ? `Mã kiểm tra danh sách đã ký duyệt (SHA-256): ${list.listHash}` : undefined) };
  const heading = decree30Heading([list.issuer.toUpperCase()], `Số: ${list.decisionNumber}`, list.decisionPlace, list.decisionDate);
  const mark = (revoked: boolean) => (revoked ? ' (đã hủy bỏ)' : '');
  const doc = new Document({
    creator: 'Vinh Danh',
    title: `Danh sách kèm theo Quyết định số ${list.decisionNumber}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
        footers: opts.footer ? { default: { options: { children: [para([run(opts.footer, { size: 9 })], AlignmentType.LEFT)] } } as never } : undefined,
        children: [
          heading,
          para([run('')]),
          para([run('DANH SÁCH', { bold: true, size: 14 })]),
          para([run(`Tập thể, cá nhân được tặng ${list.awardForm}`, { bold: true })]),
          para([run(list.title, { bold: true })]),
          para([run(`(Kèm theo Quyết định số ${list.decisionNumber} ${vietnameseDate(list.decisionDate)} của ${list.authority})`, { italics: true })], AlignmentType.CENTER, list.sitting ? 0 : 240),
          ...(list.sitting
            ? [para([run(`(Theo Biên bản họp Hội đồng Thi đua – Khen thưởng ${vietnameseDate(list.sitting.heldOn)}${list.sitting.place ? ` tại ${list.sitting.place}` : ''})`, { italics: true })], AlignmentType.CENTER, 240)]
            : []),
          para([run(`I. TẬP THỂ (${list.collectives.length})`, { bold: true })], AlignmentType.LEFT, 120),
          listTable(['STT', 'Tên tập thể', 'Đơn vị', 'Thành tích'], [7, 30, 25, 38], list.collectives.map((c) => [String(c.ordinal), c.name + mark(c.revoked), c.unit, c.summary])),
          para([run('')]),
          para([run(`II. CÁ NHÂN (${list.individuals.length})`, { bold: true })], AlignmentType.LEFT, 120),
          listTable(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Thành tích'], [7, 22, 18, 20, 33], list.individuals.map((i) => [String(i.ordinal), i.name + mark(i.revoked), i.position ?? '', i.unit, i.summary])),
          para([run('')]),
          para([run(`Danh sách có ${list.collectives.length} tập thể và ${list.individuals.length} cá nhân./.`, { italics: true })], AlignmentType.LEFT),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
}

/** The attached list as XLSX: collectives, then individuals, as in the decision. */
export async function awardsXlsx(list: DecisionList): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vinh Danh';
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow([`Danh sách kèm theo Quyết định số ${list.decisionNumber} ${vietnameseDate(list.decisionDate)} của ${list.authority}`]).font = { bold: true };
  styleHeader(ws.addRow(['STT', 'Loại', 'Họ và tên / Tên tập thể', 'Chức vụ', 'Đơn vị', 'Ghi chú', 'Thành tích']));
  for (const c of list.collectives) ws.addRow([c.ordinal, 'Tập thể', c.name, '', c.unit, c.revoked ? 'Đã hủy bỏ' : '', c.summary]);
  for (const i of list.individuals) ws.addRow([i.ordinal, 'Cá nhân', i.name, i.position ?? '', i.unit, i.revoked ? 'Đã hủy bỏ' : '', i.summary]);
  ws.columns = [{ width: 6 }, { width: 10 }, { width: 40 }, { width: 30 }, { width: 40 }, { width: 14 }, { width: 60 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Counts of a round's approved nominations by unit, kind, gender and Party membership, against quota. */
export async function roundReportXlsx(actor: Actor | null, slug: string): Promise<Buffer> {
  const list = await getDecisionList(actor, slug);
  const db = getDb();
  const round = (await first(db.select({ id: rounds.id, qc: rounds.quotaCollectives, qi: rounds.quotaIndividuals }).from(rounds).where(eq(rounds.slug, slug))))!;
  const byUnit = await db
    .select({
      unit: units.name,
      path: units.path,
      collectives: sql<number>`count(CASE WHEN ${awards.nomineeKind} = 'collective' THEN 1 END)`,
      individuals: sql<number>`count(CASE WHEN ${awards.nomineeKind} = 'individual' THEN 1 END)`,
      women: sql<number>`count(CASE WHEN ${awards.gender} = 'female' THEN 1 END)`,
      party: sql<number>`count(CASE WHEN ${awards.partyMember} THEN 1 END)`,
    })
    .from(awards)
    .innerJoin(nominations, eq(nominations.id, awards.nominationId))
    .innerJoin(units, eq(units.id, nominations.unitId))
    .where(and(eq(awards.roundId, round.id), isNull(awards.revokedAt)))
    .groupBy(units.id)
    .orderBy(units.path);
  const quotas = await db
    .select({ path: units.path, c: roundQuotas.collectives, i: roundQuotas.individuals })
    .from(roundQuotas)
    .innerJoin(units, eq(units.id, roundQuotas.unitId))
    .where(eq(roundQuotas.roundId, round.id));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  ws.addRow([`Báo cáo kết quả: ${list.title}`]).font = { bold: true };
  styleHeader(ws.addRow(['Đơn vị đề nghị', 'Tập thể', 'Chỉ tiêu tập thể', 'Cá nhân', 'Chỉ tiêu cá nhân', 'Nữ', 'Đảng viên']));
  for (const u of byUnit) {
    const q = quotas.find((x) => u.path.startsWith(x.path));
    ws.addRow([u.unit, u.collectives ?? 0, q?.c ?? '', u.individuals ?? 0, q?.i ?? '', u.women ?? 0, u.party ?? 0]);
  }
  const live = (xs: Array<{ revoked: boolean }>) => xs.filter((x) => !x.revoked).length;
  styleHeader(ws.addRow(['Tổng cộng', live(list.collectives), round.qc ?? '', live(list.individuals), round.qi ?? '', byUnit.reduce((s, u) => s + (u.women ?? 0), 0), byUnit.reduce((s, u) => s + (u.party ?? 0), 0)]));
  ws.columns = [{ width: 40 }, { width: 10 }, { width: 16 }, { width: 10 }, { width: 16 }, { width: 8 }, { width: 12 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * One CSV field by RFC 4180, formula-neutralised first. A field holding any separator a spreadsheet may
 * be set to (comma, semicolon, tab), a quote or a line break is quoted, so no reader splits it into a
 * second cell that could start a formula.
 */
export function csvField(v: string | number | null | undefined): string {
  const s = String(safeCell(v));
  return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV lines (CRLF-terminated) with the given separator. */
export function csvLines(rows: Array<Array<string | number | null | undefined>>, separator: ',' | ';' = ','): string {
  return rows.map((r) => r.map(csvField).join(separator) + '\r\n').join('');
}

/** The public CSV of a published round (unrevoked awards), with a BOM so Excel reads UTF-8. */
export function publicAwardsCsv(rows: Array<{ id: string; kind: string; ordinal: number; name: string; position: string | null; unit: string }>, separator: ',' | ';' = ','): string {
  const header = ['stt', 'loai', 'ten', 'chuc_vu', 'don_vi', 'ma_xac_minh'];
  return '\uFEFF' + csvLines([header, ...rows.map((r) => [r.ordinal, r.kind === 'collective' ? 'Tập thể' : 'Cá nhân', r.name, r.position ?? '', r.unit, r.id])], separator);
}

export type CertificateView = {
  publicId: string;
  name: string;
  kind: 'collective' | 'individual';
  gender: 'male' | 'female' | 'other' | null;
  position: string | null;
  unit: string;
  roundTitle: string;
  authority: string;
  awardForm: string;
  issuer: string;
  decisionNumber: string;
  decisionDate: string;
  decisionPlace: string;
  decisionSigner: string;
  /** Printed above the signer's name, one line per "/" ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); empty when not recorded. */
  decisionSignerTitle: string;
  revoked: boolean;
};

const certificateColumns = {
  publicId: awards.publicId, name: awards.name, kind: awards.nomineeKind, gender: awards.gender, position: awards.position, unit: awards.unitName, revokedAt: awards.revokedAt,
  roundTitle: rounds.title, authority: rounds.authority, awardForm: rounds.awardForm, issuer: units.name,
  decisionNumber: rounds.decisionNumber, decisionDate: rounds.decisionDate, decisionPlace: rounds.decisionPlace, decisionSigner: rounds.decisionSigner, decisionSignerTitle: rounds.decisionSignerTitle,
};

function certificateOf(row: { [K in keyof typeof certificateColumns]: (typeof certificateColumns)[K]['_']['data'] | null }): CertificateView {
  const { revokedAt, ...rest } = row;
  return {
    ...(rest as Omit<CertificateView, 'decisionNumber' | 'decisionDate' | 'decisionPlace' | 'decisionSigner' | 'decisionSignerTitle' | 'revoked'>),
    decisionNumber: row.decisionNumber ?? '',
    decisionDate: row.decisionDate ?? '',
    decisionPlace: row.decisionPlace ?? defaultDecisionPlace() ?? '',
    decisionSigner: row.decisionSigner ?? '',
    decisionSignerTitle: row.decisionSignerTitle ?? '',
    revoked: !!revokedAt,
  };
}

/** One award as printed on its certificate; for the district office. */
export async function getCertificate(actor: Actor | null, publicId: string): Promise<CertificateView> {
  if (!isOffice(actor) || !/^[a-f0-9]{16}$/.test(publicId)) throw new DomainError('not_found');
  const row = await first(getDb()
    .select({ ...certificateColumns, unitPath: units.path })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .innerJoin(units, eq(units.id, rounds.unitId))
    .where(eq(awards.publicId, publicId)));
  if (!row || !row.decisionNumber || !row.decisionDate || !inSubtree(row.unitPath, actor.unitPath)) throw new DomainError('not_found');
  const { unitPath: _path, ...rest } = row;
  return certificateOf(rest);
}

/** Every standing (not revoked) certificate of a decided round, in the decision's order, to print at once. */
export async function getRoundCertificates(actor: Actor | null, roundId: number): Promise<{ roundTitle: string; certificates: CertificateView[]; }> {
  if (!isOffice(actor) || !Number.isSafeInteger(roundId)) throw new DomainError('not_found');
  const db = getDb();
  const r = await first(db
    .select({ unitPath: units.path, title: rounds.title, status: rounds.status, decisionNumber: rounds.decisionNumber, decisionDate: rounds.decisionDate })
    .from(rounds)
    .innerJoin(units, eq(units.id, rounds.unitId))
    .where(eq(rounds.id, roundId)));
  if (!r || !['decided', 'published', 'archived'].includes(r.status) || !r.decisionNumber || !r.decisionDate) throw new DomainError('not_found');
  // Another office's round reads as not found.
  if (!inSubtree(r.unitPath, actor.unitPath)) throw new DomainError('not_found');
  const rows = await db
    .select(certificateColumns)
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .innerJoin(units, eq(units.id, rounds.unitId))
    .where(and(eq(awards.roundId, roundId), isNull(awards.revokedAt)))
    .orderBy(asc(awards.nomineeKind), asc(awards.ordinal));
  return { roundTitle: r.title, certificates: rows.map(certificateOf) };
}
