// The audit trail in words: each event as a sentence ("Trương Thị Mỹ Hạnh trả lại hồ sơ: …") and its
// changes as "field: before → after", in the reader's language. Pure: the caller passes the translator of
// the `history` message namespace.

export type HistoryTranslator = {
  (key: string, params?: Record<string, string | number>): string;
  has(key: string): boolean;
};

export type AuditEventLike = { actor: string | null; action: string; before?: unknown; after?: unknown };

// Fields never shown as a change: internal ids and digests say nothing to a reader.
const HIDDEN = new Set(['commentId', 'feedbackId', 'signoffId', 'attachmentId', 'sha256', 'hash', 'mimeType', 'at', 'slug']);
const STATUS_FIELDS = new Set(['status']);
const MAX = 160;

const keyOf = (action: string) => action.replace(/\./g, '_');
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const short = (s: string) => (s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s);

/** One sentence for the event: who did what, with the reason, vote or file when the event has one. */
export function describeEvent(e: AuditEventLike, t: HistoryTranslator): string {
  const after = record(e.after);
  const before = record(e.before);
  const actor = e.actor ?? t('system');
  const vote = record(after.vote);
  const params: Record<string, string | number> = {
    actor,
    reason: typeof after.reason === 'string' ? short(after.reason) : '',
    fileName: typeof after.fileName === 'string' ? after.fileName : '',
    voteFor: Number(vote.for ?? 0),
    voteTotal: Number(vote.total ?? 0),
    name: String(after.name ?? after.fullName ?? after.title ?? after.displayName ?? after.username ?? ''),
    from: typeof before.status === 'string' && t.has(`status.${before.status}`) ? t(`status.${before.status}`) : '',
    to: typeof after.status === 'string' && t.has(`status.${after.status}`) ? t(`status.${after.status}`) : '',
    decision: String(after.decisionNumber ?? after.decision ?? ''),
    awards: Number(after.awards ?? 0),
    action: e.action,
  };
  const key = `actions.${keyOf(e.action)}`;
  if (t.has(key)) return t(key, params);
  // round.open, round.reviewing … : one sentence for every move of a round.
  if (e.action.startsWith('round.') && params.to) return t('actions.round_move', params);
  return t('actions.other', params);
}

/** The changes of an event as readable lines; unchanged and internal fields are left out. */
export function describeChanges(e: AuditEventLike, t: HistoryTranslator): string[] {
  const before = record(e.before);
  const after = record(e.after);
  const lines: string[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (HIDDEN.has(field) || field === 'reason') continue;
    const b = before[field];
    const a = after[field];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    const label = t.has(`fields.${field}`) ? t(`fields.${field}`) : field;
    const text = (v: unknown): string => {
      if (v == null || v === '') return '—';
      if (STATUS_FIELDS.has(field) && typeof v === 'string' && t.has(`status.${v}`)) return t(`status.${v}`);
      if (typeof v === 'boolean') return t(v ? 'yes' : 'no');
      if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' && t.has(`roles.${x}`) ? t(`roles.${x}`) : String(x))).join(', ');
      if (typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if ('for' in o && 'total' in o) return t('voteValue', { voteFor: Number(o.for), voteAgainst: Number(o.against ?? 0), voteTotal: Number(o.total) });
        return short(JSON.stringify(v));
      }
      return short(String(v));
    };
    lines.push(b === undefined ? `${label}: ${text(a)}` : `${label}: ${text(b)} → ${text(a)}`);
  }
  return lines;
}
