// One nomination's dossier as a ZIP: its summary as DOCX (nominee, unit, round, status, vote, achievements,
// the list of files) and every attachment, for the actor who may see the nomination.
import 'server-only';
import fs from 'node:fs';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { getAttachment, listAttachments } from '@/lib/attachments';
import { formatDate } from '@/lib/dates';
import { getNomination } from '@/lib/nominations';
import type { Actor } from '@/lib/policy';
import { zip } from '@/lib/zip';

const STATUS_VI: Record<string, string> = {
  draft: 'Bản nháp', submitted: 'Đã gửi', returned: 'Trả lại', checked: 'Đã thẩm định', approved: 'Đã phê duyệt', rejected: 'Không phê duyệt',
};
const FONT = 'Times New Roman';
const line = (label: string, value: string) => new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true, font: FONT, size: 26 }), new TextRun({ text: value, font: FONT, size: 26 })], spacing: { after: 80 } });

/** A file name safe in any ZIP reader: no path separators or control characters, at most 120 characters. */
function entryName(name: string): string {
  const clean = name.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'tep';
  return clean.length > 120 ? clean.slice(0, 120) : clean;
}

export async function nominationDossierZip(actor: Actor | null, nominationId: number, now = new Date()): Promise<{ body: Buffer; fileName: string }> {
  const n = await getNomination(actor, nominationId);
  const files = await listAttachments(actor, nominationId);
  const doc = new Document({
    creator: 'Vinh Danh',
    title: `Hồ sơ đề nghị khen thưởng — ${n.nomineeName}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: 'HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG', bold: true, font: FONT, size: 28 })], alignment: AlignmentType.CENTER, spacing: { after: 240 } }),
          line(n.kind === 'individual' ? 'Cá nhân' : 'Tập thể', n.nomineeName),
          line('Đơn vị đề nghị', n.unitName),
          line('Đợt khen thưởng', n.roundTitle),
          line('Trạng thái', STATUS_VI[n.status] ?? n.status),
          line('Ngày gửi', formatDate(n.submittedAt, 'vi') || '—'),
          ...(n.vote ? [line('Kết quả biểu quyết', `${n.vote.for} đồng ý, ${n.vote.against} không đồng ý / ${n.vote.total}`)] : []),
          new Paragraph({ children: [new TextRun({ text: 'Tóm tắt thành tích', bold: true, font: FONT, size: 26 })], spacing: { before: 200, after: 80 } }),
          ...(n.summary || '—').split('\n').map((p) => new Paragraph({ children: [new TextRun({ text: p, font: FONT, size: 26 })], alignment: AlignmentType.JUSTIFIED, spacing: { after: 80 } })),
          new Paragraph({ children: [new TextRun({ text: `Tệp đính kèm (${files.length})`, bold: true, font: FONT, size: 26 })], spacing: { before: 200, after: 80 } }),
          ...files.map((f, i) => new Paragraph({ children: [new TextRun({ text: `${i + 1}. ${f.fileName} (${Math.max(1, Math.round(f.size / 1024))} KB)`, font: FONT, size: 26 })] })),
          new Paragraph({ children: [new TextRun({ text: `Xuất ngày ${formatDate(now, 'vi', { time: true })}`, italics: true, font: FONT, size: 20 })], spacing: { before: 240 } }),
        ],
      },
    ],
  });
  const used = new Set<string>(['tom-tat-ho-so.docx']);
  const entries = [{ name: 'tom-tat-ho-so.docx', data: new Uint8Array(await Packer.toBuffer(doc)) }];
  for (const f of files) {
    const a = await getAttachment(actor, f.id);
    let name = `tep-dinh-kem/${entryName(a.fileName)}`;
    for (let k = 2; used.has(name); k++) name = `tep-dinh-kem/${k}-${entryName(a.fileName)}`;
    used.add(name);
    entries.push({ name, data: new Uint8Array(fs.readFileSync(a.file)) });
  }
  return { body: zip(entries, now), fileName: `ho-so-de-nghi-${n.id}.zip` };
}
