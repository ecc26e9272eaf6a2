// The audit trail in words, read with the real message catalogues: every action the code writes has a sentence.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeChanges, describeEvent, type HistoryTranslator } from './audit-text';

function translator(locale: string): HistoryTranslator {
  const root = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'messages', `${locale}.json`), 'utf8')).history;
  const get = (key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), root);
  const t = ((key: string, params: Record<string, string | number> = {}) => {
    const s = get(key);
    if (typeof s !== 'string') throw new Error(`missing ${locale} history.${key}`);
    return s.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
  }) as HistoryTranslator;
  t.has = (key) => typeof get(key) === 'string';
  return t;
}

// Every action string written by lib/ (found in the sources), so a new action without a sentence fails here.
function writtenActions(): string[] {
  const dir = import.meta.dirname;
  const found = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/(?:audit\(tx, \w+, |action: )'((?:nomination|round|award|unit|user|individual|collective|feedback)\.[a-z_]+)'/g)) found.add(m[1]);
  }
  return [...found].sort();
}

describe('audit events as sentences', () => {
  const vi = translator('vi');

  it('says who returned the dossier and why', () => {
    const e = { actor: 'Trương Thị Mỹ Hạnh', action: 'nomination.return', before: { status: 'submitted' }, after: { status: 'returned', reason: 'Thiếu biên bản họp xét.' } };
    expect(describeEvent(e, vi)).toBe('Trương Thị Mỹ Hạnh trả lại hồ sơ: Thiếu biên bản họp xét.');
    expect(describeChanges(e, vi)).toEqual(['Trạng thái: Đã gửi → Trả lại']);
    expect(describeEvent(e, translator('en'))).toBe('Trương Thị Mỹ Hạnh returned the dossier: Thiếu biên bản họp xét.');
    expect(describeEvent(e, translator('ko'))).toBe('Trương Thị Mỹ Hạnh 님이 서류를 반려했습니다: Thiếu biên bản họp xét.');
  });

  it('gives the vote, the file and the round move in words, never the raw code', () => {
    expect(describeEvent({ actor: 'A', action: 'nomination.approve', before: { status: 'checked' }, after: { status: 'approved', vote: { for: 7, against: 2, total: 9 } } }, vi)).toBe('A phê duyệt (7/9 phiếu đồng ý)');
    expect(describeEvent({ actor: 'B', action: 'nomination.attach', before: null, after: { attachmentId: 3, fileName: 'bien-ban.pdf', sha256: 'ab' } }, vi)).toBe('B đính kèm tệp bien-ban.pdf');
    expect(describeEvent({ actor: 'C', action: 'round.reviewing', before: { status: 'open' }, after: { status: 'reviewing' } }, vi)).toBe('C chuyển đợt sang trạng thái “Đang xét duyệt”');
    expect(describeEvent({ actor: null, action: 'database.restore', before: null, after: null }, vi)).toBe('Hệ thống thực hiện thao tác database.restore');
    expect(describeChanges({ actor: 'D', action: 'individual.edit', before: { fullName: 'Lê Văn A', partyMember: false }, after: { fullName: 'Lê Văn Á', partyMember: true } }, vi)).toEqual([
      'Họ và tên: Lê Văn A → Lê Văn Á',
      'Đảng viên: không → có',
    ]);
  });

  it('has a sentence in vi, en and ko for every action the code writes', () => {
    const actions = writtenActions();
    expect(actions).toContain('nomination.return');
    for (const locale of ['vi', 'en', 'ko']) {
      const t = translator(locale);
      const missing = actions.filter((a) => !t.has(`actions.${a.replace(/\./g, '_')}`) && !a.startsWith('round.'));
      expect(missing, locale).toEqual([]);
    }
  });
});
