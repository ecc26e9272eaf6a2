// The round form's boundary: what an admin may type, parsed with zod, turned into lib/ input.
import { z } from 'zod';
import { COUNCIL_RULES } from '@/db/tables';

const optionalInt = z.preprocess((v) => (v === '' || v == null ? null : v), z.coerce.number().int().min(0).max(1_000_000).nullable());
const optionalDate = z.preprocess((v) => (v === '' || v == null ? null : v), z.iso.date().nullable());
const text = (max: number) => z.string().trim().min(1).max(max);

export const roundSchema = z.object({
  locale: z.enum(['vi', 'en', 'ko']).catch('vi'),
  title: text(300),
  theme: text(300),
  period: text(50),
  authority: text(200),
  awardForm: text(100),
  criteria: z.string().max(10_000),
  windowOpensAt: optionalDate,
  windowClosesAt: optionalDate,
  quotaCollectives: optionalInt,
  quotaIndividuals: optionalInt,
  consultation: z.string().optional(),
  consultationDays: optionalInt,
  // The council's rule (lib/council-rule.ts): members, quorum, approving share of all members, legal basis.
  councilMembers: z.preprocess((v) => (v === '' || v == null ? undefined : v), z.coerce.number().int().min(1).max(1000).default(9)),
  councilQuorum: z.preprocess((v) => (v === '' || v == null ? null : v), z.coerce.number().int().min(1).max(1000).nullable()),
  councilRule: z.enum(COUNCIL_RULES).default('more_than_half'),
  councilBasis: z.string().max(2000).default(''),
});

/** Window dates are whole days in Vietnam's time zone: open from 00:00 to 23:59:59. */
export function toRoundInput(d: z.infer<typeof roundSchema>) {
  return {
    ...d,
    windowOpensAt: d.windowOpensAt ? new Date(`${d.windowOpensAt}T00:00:00+07:00`) : null,
    windowClosesAt: d.windowClosesAt ? new Date(`${d.windowClosesAt}T23:59:59+07:00`) : null,
    consultation: d.consultation === 'on',
    council: { members: d.councilMembers, quorum: d.councilQuorum, rule: d.councilRule, basis: d.councilBasis },
  };
}
