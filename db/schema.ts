// The whole Vinh Danh model (see ../shared/DOMAIN.md): units, people, users, rounds, nominations,
// awards, sign-offs, consultation feedback and the append-only audit trail.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  type SQLiteColumn,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

export const UNIT_KINDS = [
  'party_committee',
  'people_committee',
  'ward',
  'department',
  'mass_org',
  'school',
  'quarter',
  'party_cell',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = ['officer', 'reviewer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROUND_STATUSES = ['draft', 'open', 'reviewing', 'decided', 'published', 'archived'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const ROUND_SOURCES = ['workflow', 'archive'] as const;
export type RoundSource = (typeof ROUND_SOURCES)[number];

export const NOMINATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'checked',
  'approved',
  'rejected',
  /** Taken back by its unit (or an admin for it) before it was checked. */
  'withdrawn',
  /** Left out of the round by the office, with a reason. */
  'excluded',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const NOMINEE_KINDS = ['collective', 'individual'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];

export const GENDERS = ['male', 'female', 'other'] as const;

/** The share of *all* council members whose votes approve (lib/council-rule.ts). */
export const COUNCIL_RULES = ['more_than_half', 'at_least_80', 'at_least_90'] as const;
export type CouncilRule = (typeof COUNCIL_RULES)[number];
export type Gender = (typeof GENDERS)[number];

/** What a yearly record says (lib/eligibility-rule.ts holds the codes each kind takes). */
export const RECORD_KINDS = ['rating', 'title', 'initiative', 'award'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** `column IN ('a', 'b', …)`: the database itself refuses a value outside an enum (CHECK constraint). */
const oneOf = (column: SQLiteColumn, values: readonly string[]) =>
  sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
/** Exactly one nominee, of the kind named: a collective or an individual. */
const oneNominee = (kind: SQLiteColumn, collectiveId: SQLiteColumn, individualId: SQLiteColumn) =>
  sql`(${kind} = 'collective' AND ${collectiveId} IS NOT NULL AND ${individualId} IS NULL)
       OR (${kind} = 'individual' AND ${individualId} IS NOT NULL AND ${collectiveId} IS NULL)`;

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** Units form a tree. `path` is the materialised list of ancestor ids ("/1/4/17/"), so a scope
 * check is one indexed prefix comparison. Units are deactivated, never deleted once referenced. */
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    parentId: integer('parent_id').references((): any => units.id),
    path: text('path').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** When a unit is merged into another (administrative reform), it points at its successor. */
    mergedIntoId: integer('merged_into_id').references((): any => units.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('units_slug').on(t.slug),
    index('units_parent').on(t.parentId),
    index('units_path').on(t.path),
    check('units_kind', oneOf(t.kind, UNIT_KINDS)),
  ],
);

/** Every name a unit has carried, so past decisions show the name of their day. */
export const unitNames = sqliteTable(
  'unit_names',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    validFrom: integer('valid_from', { mode: 'timestamp_ms' }).notNull(),
    validTo: integer('valid_to', { mode: 'timestamp_ms' }),
  },
  (t) => [index('unit_names_unit').on(t.unitId)],
);

export const collectives = sqliteTable(
  'collectives',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Name folded for search: lower case, no diacritics, đ → d. */
    nameFolded: text('name_folded').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mergedIntoId: integer('merged_into_id').references((): any => collectives.id),
    createdAt: createdAt(),
  },
  (t) => [index('collectives_unit').on(t.unitId, t.nameFolded), index('collectives_folded').on(t.nameFolded), check('collectives_kind', oneOf(t.kind, UNIT_KINDS))],
);

export const individuals = sqliteTable(
  'individuals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fullName: text('full_name').notNull(),
    nameFolded: text('name_folded').notNull(),
    gender: text('gender', { enum: GENDERS }),
    birthYear: integer('birth_year'),
    position: text('position'),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    partyMember: integer('party_member', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mergedIntoId: integer('merged_into_id').references((): any => individuals.id),
    createdAt: createdAt(),
  },
  (t) => [index('individuals_unit').on(t.unitId, t.nameFolded), index('individuals_folded').on(t.nameFolded), check('individuals_gender', oneOf(t.gender, GENDERS))],
);

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** The person this account belongs to, when registered: an approver never acts on a
     * nomination that names them. */
    individualId: integer('individual_id').references(() => individuals.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' })
      .notNull()
      .default(false),
    /** Bumped on password change or deactivation: sessions carrying an older value end. */
    sessionVersion: integer('session_version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username').on(t.username)],
);

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), check('user_roles_role', oneOf(t.role, ROLES))],
);

export const rounds = sqliteTable(
  'rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    theme: text('theme').notNull(),
    period: text('period').notNull(),
    /** The awarding authority is data, never hard-coded (powers moved in the 2025 reform). */
    authority: text('authority').notNull(),
    awardForm: text('award_form').notNull(),
    criteria: text('criteria').notNull().default(''),
    /** The unit that runs the round (its scope bounds who may be nominated). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status', { enum: ROUND_STATUSES }).notNull().default('draft'),
    source: text('source', { enum: ROUND_SOURCES }).notNull().default('workflow'),
    windowOpensAt: integer('window_opens_at', { mode: 'timestamp_ms' }),
    windowClosesAt: integer('window_closes_at', { mode: 'timestamp_ms' }),
    quotaCollectives: integer('quota_collectives'),
    quotaIndividuals: integer('quota_individuals'),
    consultation: integer('consultation', { mode: 'boolean' }).notNull().default(false),
    consultationDays: integer('consultation_days'),
    consultationEndsAt: integer('consultation_ends_at', { mode: 'timestamp_ms' }),
    /** The council that votes the round: how many members, how many must take part, the approving
     * share of all members, and the legal basis of that rule as text (the law is data). */
    councilMembers: integer('council_members').notNull().default(9),
    councilQuorum: integer('council_quorum'),
    councilRule: text('council_rule', { enum: COUNCIL_RULES }).notNull().default('more_than_half'),
    councilBasis: text('council_basis').notNull().default(''),
    decisionNumber: text('decision_number'),
    /** ISO date (YYYY-MM-DD) of the decision, as printed on it. */
    decisionDate: text('decision_date'),
    decisionSigner: text('decision_signer'),
    decisionPlace: text('decision_place'),
    /** The signer's title as printed above the name: "CHỦ TỊCH", or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (one line per "/"). */
    decisionSignerTitle: text('decision_signer_title'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    /** The round's story: a short account of the ceremony, shown on its public page (lib/round-story.ts). */
    story: text('story'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('rounds_slug').on(t.slug), index('rounds_status').on(t.status), check('rounds_status_value', oneOf(t.status, ROUND_STATUSES)), check('rounds_source', oneOf(t.source, ROUND_SOURCES))],
);

/** A ceremony photo of a round, stored resized (WebP widths and an Open Graph JPEG) under names made of
 * the original's SHA-256, so its URLs never change meaning and can be cached for good. */
export const roundPhotos = sqliteTable(
  'round_photos',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    sha256: text('sha256').notNull(),
    alt: text('alt').notNull(),
    /** Size of the largest stored variant (the page's width/height attributes keep the aspect ratio). */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** The stored WebP widths, ascending, comma-separated ("480,960,1600"). */
    widths: text('widths').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('round_photos_round_sha').on(t.roundId, t.sha256), index('round_photos_sha').on(t.sha256)],
);

/** Per-unit quotas of a round, collectives and individuals apart. */
export const roundQuotas = sqliteTable(
  'round_quotas',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    collectives: integer('collectives'),
    individuals: integer('individuals'),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId] })],
);

/** The approver's sign-off of a round's final list; withdrawn (never deleted) with a reason. */
export const signoffs = sqliteTable(
  'signoffs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    signedBy: integer('signed_by')
      .notNull()
      .references(() => users.id),
    signedAt: integer('signed_at', { mode: 'timestamp_ms' }).notNull(),
    listHash: text('list_hash').notNull(),
    withdrawnBy: integer('withdrawn_by').references(() => users.id),
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [
    index('signoffs_round').on(t.roundId),
    // One standing (not withdrawn) sign-off per round.
    uniqueIndex('signoffs_standing').on(t.roundId).where(sql`${t.withdrawnAt} IS NULL`),
  ],
);

/** What a sign-off froze: every entry of the final list with everything that lands on its award, in
 * the annex's order. The awards and the DOCX annex are built from these rows. */
export const signoffEntries = sqliteTable(
  'signoff_entries',
  {
    signoffId: integer('signoff_id')
      .notNull()
      .references(() => signoffs.id),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id),
    nomineeKind: text('nominee_kind', { enum: NOMINEE_KINDS }).notNull(),
    /** Position in the attached list, per kind (1-based). */
    ordinal: integer('ordinal').notNull(),
    collectiveId: integer('collective_id').references(() => collectives.id),
    individualId: integer('individual_id').references(() => individuals.id),
    name: text('name').notNull(),
    position: text('position'),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    unitName: text('unit_name').notNull(),
    gender: text('gender', { enum: GENDERS }),
    birthYear: integer('birth_year'),
    partyMember: integer('party_member', { mode: 'boolean' }),
    summary: text('summary').notNull(),
  },
  (t) => [primaryKey({ columns: [t.signoffId, t.nomineeKind, t.ordinal] })],
);

/** The council's sitting on a round (one per round): the minutes are printed from it and the tallies
 * of the nominations it voted (nominations.sitting_id). */
export const councilSittings = sqliteTable(
  'council_sittings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    /** ISO date (YYYY-MM-DD) of the sitting. */
    heldOn: text('held_on').notNull(),
    place: text('place').notNull(),
    chair: text('chair').notNull(),
    secretary: text('secretary').notNull(),
    /** Members present, one name per line. */
    membersPresent: text('members_present').notNull(),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('council_sittings_round').on(t.roundId)],
);

/** A list proposed up to a round of the level above (DOMAIN.md "Levels"): from a decided round of this
 * deployment (from_round_id) or from another deployment's signed file (manifest_sha256), with its origin as
 * text as the higher office reads it. Its items are the nominations that carry its id (lib/proposals.ts). */
export const proposals = sqliteTable(
  'proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromRoundId: integer('from_round_id').references(() => rounds.id),
    toRoundId: integer('to_round_id')
      .notNull()
      .references(() => rounds.id),
    /** The proposing authority, unit and round, and the decision behind the list, as they read at the origin. */
    originAuthority: text('origin_authority').notNull(),
    originUnit: text('origin_unit').notNull(),
    originRound: text('origin_round').notNull(),
    decisionNumber: text('decision_number'),
    decisionDate: text('decision_date'),
    /** SHA-256 of the imported manifest.json (imports only). */
    manifestSha256: text('manifest_sha256'),
    proposedBy: integer('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: integer('proposed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('proposals_to_round').on(t.toRoundId), index('proposals_from_round').on(t.fromRoundId)],
);

export const nominations = sqliteTable(
  'nominations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    nomineeKind: text('nominee_kind', { enum: NOMINEE_KINDS }).notNull(),
    collectiveId: integer('collective_id').references(() => collectives.id),
    individualId: integer('individual_id').references(() => individuals.id),
    /** The nominating unit: scope checks use it. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    summary: text('summary').notNull().default(''),
    status: text('status', { enum: NOMINATION_STATUSES }).notNull().default('draft'),
    createdBy: integer('created_by').references(() => users.id),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    checkedBy: integer('checked_by').references(() => users.id),
    checkedAt: integer('checked_at', { mode: 'timestamp_ms' }),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    voteFor: integer('vote_for'),
    voteAgainst: integer('vote_against'),
    voteTotal: integer('vote_total'),
    /** Abstentions and absent members: for + against + abstain = vote_total = the council's members. */
    voteAbstain: integer('vote_abstain'),
    /** The council sitting that voted it, when voted at a sitting. */
    sittingId: integer('sitting_id').references((): any => councilSittings.id),
    /** A nomination proposed from a lower level: its proposal, the award it came from (this deployment) and
     * that award's public id (also for imports), which a round takes once. */
    proposalId: integer('proposal_id').references((): any => proposals.id),
    originAwardId: integer('origin_award_id').references((): any => awards.id),
    originRef: text('origin_ref'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    /** Why the unit sent it although it fails an eligibility rule of its round (lib/eligibility.ts); null otherwise. */
    eligibilityException: text('eligibility_exception'),
  },
  (t) => [
    check('nominations_one_nominee', oneNominee(t.nomineeKind, t.collectiveId, t.individualId)),
    check('nominations_status_value', oneOf(t.status, NOMINATION_STATUSES)),
    // One nomination per nominee per round.
    uniqueIndex('nominations_round_individual').on(t.roundId, t.individualId).where(sql`${t.individualId} IS NOT NULL`),
    uniqueIndex('nominations_round_collective').on(t.roundId, t.collectiveId).where(sql`${t.collectiveId} IS NOT NULL`),
    index('nominations_round_status').on(t.roundId, t.status, t.id),
    // The queues across rounds (?status=submitted), newest first: count and seek on the index alone.
    index('nominations_status').on(t.status, t.id),
    // The queue's page of ids in a scope (round_id IN …), newest first, from the index alone (issue 16 bench: PostgreSQL
    // otherwise walks the primary key backwards filtering status, or sorts the whole queue for a page by number).
    index('nominations_status_round').on(t.status, t.id, t.roundId),
    index('nominations_unit').on(t.unitId),
    index('nominations_collective').on(t.collectiveId),
    index('nominations_individual').on(t.individualId),
    index('nominations_sitting').on(t.sittingId),
    index('nominations_proposal').on(t.proposalId),
    // Where each award of a decided list was proposed ("propose to the level above"): a few rows, read by award.
    index('nominations_origin_award').on(t.originAwardId).where(sql`${t.originAwardId} IS NOT NULL`),
    uniqueIndex('nominations_round_origin').on(t.roundId, t.originRef).where(sql`${t.originRef} IS NOT NULL`),
  ],
);

export const COMMENT_KINDS = ['comment', 'return', 'reply', 'note'] as const;

export const nominationComments = sqliteTable(
  'nomination_comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: COMMENT_KINDS }).notNull().default('comment'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('nomination_comments_nomination').on(t.nominationId), check('nomination_comments_kind', oneOf(t.kind, COMMENT_KINDS))],
);

/** Attachment metadata; the bytes live under data/uploads/<storageKey>, outside public/. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_nomination').on(t.nominationId)],
);

/** An award is an approved nomination of a decided round, with the names of its day frozen in.
 * It shows publicly once its round is published, and is revoked (never deleted) with a reason. */
export const awards = sqliteTable(
  'awards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Public, unguessable identifier used in /awards/[id] and on certificates. */
    publicId: text('public_id').notNull(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id),
    nomineeKind: text('nominee_kind', { enum: NOMINEE_KINDS }).notNull(),
    collectiveId: integer('collective_id').references(() => collectives.id),
    individualId: integer('individual_id').references(() => individuals.id),
    /** Position in the decision's attached list, per kind (1-based). */
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    position: text('position'),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    unitName: text('unit_name').notNull(),
    summary: text('summary').notNull().default(''),
    gender: text('gender', { enum: GENDERS }),
    birthYear: integer('birth_year'),
    partyMember: integer('party_member', { mode: 'boolean' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedBy: integer('revoked_by').references(() => users.id),
    revokeReason: text('revoke_reason'),
    revokeDecision: text('revoke_decision'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('awards_public_id').on(t.publicId),
    uniqueIndex('awards_nomination').on(t.nominationId),
    index('awards_round').on(t.roundId, t.nomineeKind, t.ordinal),
    // Counts of live awards per round and kind (lists of published rounds) from the index alone.
    index('awards_live').on(t.roundId, t.nomineeKind, t.revokedAt).where(sql`${t.revokedAt} IS NULL`),
    index('awards_unit').on(t.unitId),
    index('awards_individual').on(t.individualId),
    index('awards_collective').on(t.collectiveId),
    check('awards_one_nominee', oneNominee(t.nomineeKind, t.collectiveId, t.individualId)),
    check('awards_gender', oneOf(t.gender, GENDERS)),
  ],
);

/**
 * Public consultation feedback on a proposed nominee, kept here and not in the audit trail (anonymous
 * posts would grow the hash chain without bound; the trail records their moderation). The address is
 * stored only as a hash.
 */
export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id),
    authorName: text('author_name'),
    body: text('body').notNull(),
    addressHash: text('address_hash').notNull(),
    createdAt: createdAt(),
    /** Moderation: a reviewer hides an abusive comment (audited); the text stays for the record. */
    hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
    hiddenBy: integer('hidden_by').references(() => users.id),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [
    index('feedback_nomination').on(t.nominationId),
    index('feedback_address').on(t.addressHash, t.createdAt),
    index('feedback_round_time').on(t.roundId, t.createdAt),
  ],
);

/** Append-only, hash-chained record of every change of state. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity').on(t.entityType, t.entityId), index('audit_actor').on(t.actorId)],
);

/** Small key/value settings (e.g. seed markers, office time limits). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Failed sign-ins, kept 15 minutes, per username and per client address (hashed): the rate limit
 * survives restarts and holds across processes. */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `u:<username>` or `a:<sha256 of the address>` */
    key: text('key').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sign_in_failures_key').on(t.key, t.at)],
);

/** Sessions ended by signing out: a copied session cookie stops working at once. `expiresAt` is when
 * the cookie would have lapsed without activity. */
export const endedSessions = sqliteTable(
  'ended_sessions',
  {
    sid: text('sid').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('ended_sessions_expires').on(t.expiresAt)],
);

/**
 * A nominee's record for one year: a task rating, an emulation title, a recognised initiative (its scope of
 * effect) or an award given outside Vinh Danh — each with the decision that states it. The eligibility
 * rules read these (lib/eligibility-rule.ts). Scope follows the nominee's unit (no unit column that could
 * drift from it when a person moves).
 */
export const yearlyRecords = sqliteTable(
  'yearly_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nomineeKind: text('nominee_kind', { enum: NOMINEE_KINDS }).notNull(),
    individualId: integer('individual_id').references(() => individuals.id),
    collectiveId: integer('collective_id').references(() => collectives.id),
    year: integer('year').notNull(),
    kind: text('kind', { enum: RECORD_KINDS }).notNull(),
    /** A code (htxsnv, cstd_co_so, tinh …), or an award form's name for kind `award`. */
    value: text('value').notNull(),
    /** The decision that states it: number (e.g. 12/QĐ-UBND) and ISO date. */
    sourceNumber: text('source_number').notNull(),
    sourceDate: text('source_date'),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('yearly_records_one_nominee', oneNominee(t.nomineeKind, t.collectiveId, t.individualId)),
    check('yearly_records_kind', oneOf(t.kind, RECORD_KINDS)),
    check('yearly_records_year', sql`${t.year} BETWEEN 1945 AND 2100`),
    index('yearly_records_individual').on(t.individualId, t.year),
    index('yearly_records_collective').on(t.collectiveId, t.year),
    // The same decision does not state the same thing twice for one nominee.
    uniqueIndex('yearly_records_individual_unique').on(t.individualId, t.year, t.kind, t.value, t.sourceNumber).where(sql`${t.individualId} IS NOT NULL`),
    uniqueIndex('yearly_records_collective_unique').on(t.collectiveId, t.year, t.kind, t.value, t.sourceNumber).where(sql`${t.collectiveId} IS NOT NULL`),
  ],
);

/**
 * An eligibility rule: conditions over the yearly records (JSON text, validated by lib/eligibility-rule.ts),
 * the award form it leads to, its legal basis and source, whether that was verified in a primary text, and
 * the period it is in force. Versions of one rule share a code; an admin edits them (audited).
 */
export const eligibilityRules = sqliteTable(
  'eligibility_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The award form's name as rounds write it; a round's form that begins with it falls under the rule. */
    awardForm: text('award_form').notNull(),
    nomineeKind: text('nominee_kind', { enum: NOMINEE_KINDS }).notNull(),
    conditions: text('conditions').notNull(),
    legalBasis: text('legal_basis').notNull(),
    source: text('source').notNull().default(''),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    /** ISO dates (YYYY-MM-DD); no end date: still in force. */
    effectiveFrom: text('effective_from').notNull(),
    effectiveTo: text('effective_to'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('eligibility_rules_version').on(t.code, t.effectiveFrom),
    index('eligibility_rules_form').on(t.nomineeKind, t.awardForm),
    check('eligibility_rules_kind', oneOf(t.nomineeKind, NOMINEE_KINDS)),
  ],
);
