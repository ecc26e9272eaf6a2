// The text that travels with a proposed nomination (lib/proposals.ts, the demo seed): its origin, the
// decision behind it and the lower council's tally, as the higher office reads it on the nomination.
import { clean } from '@/lib/text';

/** dd/mm/yyyy of an ISO date, as Vietnamese documents print it. */
const viDate = (iso: string | null) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : (iso ?? ''));

export function originNote(o: { authority: string; unit: string; round: string; decisionNumber: string | null; decisionDate: string | null; vote: { for: number; total: number } | null }): string {
  const decision = o.decisionNumber ? ` Quyết định số ${o.decisionNumber}${o.decisionDate ? ` ngày ${viDate(o.decisionDate)}` : ''}.` : '';
  const vote = o.vote ? ` Hội đồng Thi đua – Khen thưởng cấp dưới: ${o.vote.for}/${o.vote.total} phiếu tán thành.` : '';
  return clean(`Đề nghị của ${o.authority} (${o.unit}), đợt “${o.round}”.${decision}${vote}`);
}
