import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { orNotFound, parseId, parsePage, parseText } from '@/lib/route-params';
import { getRoundForAdmin, listUnitQuotas, mayAdminister } from '@/lib/rounds';
import { decisionListHash } from '@/lib/signoff';
import { formatDate, todayInVietnam } from '@/lib/dates';
import { defaultDecisionPlace } from '@/lib/exports';
import { getSitting } from '@/lib/council';
import { Link } from '@/lib/i18n/navigation';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { RoundFields } from '@/components/round-fields';
import { moveRound, recordDecision, revoke, saveRound, saveUnitQuota } from './actions';
import { StorySection } from './story-section';
import { ProposalsSection } from './proposals-section';
import { StaffRoundView } from './staff-view';
import { getRoundRules } from '@/lib/progress';
import { Pagination } from '@/components/pagination';
import { UnitPicker } from '@/components/unit-picker';
import { LIST_FILTER_FROM, ListFilter } from '@/components/list-filter';
import { pageByName } from '@/lib/text';

/** Awards listed at once on the round's page (a district's round, 148, fits on one). */
const AWARDS_PAGE = 200;

export default async function RoundAdminPage({ params, searchParams }: PageProps<'/[locale]/manage/rounds/[id]'>) {
  const { locale, id } = await params;
  const sp = await searchParams;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  // Staff who do not administer the round (officers, reviewers, approvers) get its read-only view.
  if (!(await mayAdminister(actor, parseId(id)))) {
    const rules = await orNotFound(() => getRoundRules(actor, parseId(id)));
    return <StaffRoundView actor={actor} rules={rules} locale={locale} />;
  }
  const round = await orNotFound(() => getRoundForAdmin(actor, parseId(id)));
  // A province's round has over a thousand awards, each with its revocation form: a page of them at a time, found
  // by name (`?aq=`); the proposals section below has its own page and name (`?pp=`, `?pq=`).
  const aq = parseText(sp.aq);
  const pq = parseText(sp.pq);
  const pp = parsePage(sp.pp);
  const awardsShown = pageByName(round.awards, aq, parsePage(sp.page), AWARDS_PAGE);
  const awardsPage = awardsShown.page;
  const pageParam = (n: number) => (n > 1 ? String(n) : undefined);
  const [t, ts, tk, te, tso, tc, baseErrors] = await Promise.all([getTranslations('roundAdmin'), getTranslations('status'), getTranslations('kind'), getTranslations('exports'), getTranslations('signoff'), getTranslations('certificate'), errorMessages()]);
  const missingText = (items: string[]) => items.map((m) => t(`missingItems.${m}` as 'missingItems.criteria')).join(', ');
  // The precondition message names what is missing, in the user's language.
  const errorsWith = (missing: string[]) => ({ ...baseErrors, conflict: tso('listChanged'), precondition: baseErrors.precondition.replace('{missing}', missingText(missing) || '—') });
  const listHash = round.source === 'workflow' ? await decisionListHash(actor, round.id) : null;
  const decideMissing = round.moves.find((m) => m.to === 'decided')?.missing ?? [];
  const hidden = <input type="hidden" name="id" value={round.id} />;
  const unitQuotas = await listUnitQuotas(actor, round.id);
  const tco = await getTranslations('council');
  const tp = await getTranslations('proposals');
  const hasSitting = round.source === 'workflow' && !!(await getSitting(actor, round.id)).sitting;
  return (
    <article className="space-y-6">
      <p className="text-sm"><Link href="/manage/rounds">← {t('open')}</Link></p>
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{round.title}</h1>
        <p className="mt-1" data-testid="round-status">{t('status', { status: ts(round.status) })}</p>
        {round.status === 'published' ? <p className="text-sm"><Link href={`/rounds/${round.slug}`}>{t('publicPage')}</Link></p> : null}
        {round.status === 'reviewing' && round.consultation ? <p className="text-sm"><Link href={`/rounds/${round.slug}/consultation`}>{t('consultationPage')}</Link></p> : null}
        {round.decisionNumber ? <p className="text-sm text-stone-700">{round.decisionNumber} · {formatDate(round.decisionDate, locale)} · {round.decisionSigner}</p> : null}
      </div>
      {round.source === 'workflow' && round.status !== 'draft' && round.status !== 'open' ? (
        <section className="card space-y-1" aria-labelledby="signoff-h">
          <h2 id="signoff-h" className="text-lg font-semibold">{tso('title')}</h2>
          {listHash ? (
            <p className="text-sm">{tso('hash')}: <code className="break-all" data-testid="round-list-hash">{listHash}</code></p>
          ) : (
            <p className="text-sm text-stone-700">{tso('unsigned')} {tso('decisionRequiresSignoff')}</p>
          )}
          <p className="text-sm"><Link href={`/manage/rounds/${round.id}/council`}>{tco('link')}</Link></p>
          <p className="text-sm"><Link href={`/manage/rounds/${round.id}/signoff`}>{tso('link')}</Link></p>
        </section>
      ) : null}
      {round.decisionNumber && ['decided', 'published', 'archived'].includes(round.status) ? (
        <section className="card" aria-labelledby="exports-h">
          <h2 id="exports-h" className="mb-2 text-lg font-semibold">{te('title')}</h2>
          <ul className="flex flex-wrap gap-2">
            <li><a className="btn-secondary" href={`/manage/rounds/${round.slug}/export/decision.docx`}>{te('decision')}</a></li>
            <li><a className="btn-secondary" href={`/manage/rounds/${round.slug}/export/awards.xlsx`}>{te('awards')}</a></li>
            <li><Link className="btn-secondary" href={`/manage/rounds/${round.id}/certificates`}>{tc('bulkLink')}</Link></li>
            <li><a className="btn-secondary" href={`/manage/rounds/${round.slug}/export/report.xlsx`}>{te('report')}</a></li>
            {hasSitting ? <li><a className="btn-secondary" href={`/manage/rounds/${round.slug}/export/minutes.docx`}>{te('minutes')}</a></li> : null}
            {round.status === 'published' ? <li><a className="btn-secondary" href={`/rounds/${round.slug}/awards.csv`}>{te('csv')}</a></li> : null}
          </ul>
        </section>
      ) : null}
      <ProposalsSection actor={actor} roundId={round.id} slug={round.slug} q={pq} page={pp} keep={{ aq, page: pageParam(awardsPage) }} />
      {round.status === 'open' || round.status === 'reviewing' ? (
        <p className="text-sm"><Link href={`/manage/rounds/${round.id}/proposals`}>{tp('importLink')}</Link></p>
      ) : null}
      <StorySection actor={actor} roundId={round.id} published={round.status === 'published'} />
      <section className="card" aria-labelledby="counts-h">
        <h2 id="counts-h" className="mb-2 text-lg font-semibold">{t('counts')}</h2>
        <ul className="flex flex-wrap gap-2 text-sm">
          {Object.entries(round.counts).map(([s, n]) => (
            <li key={s} className="badge bg-stone-100 text-stone-800">{ts(s as 'draft')}: {n}</li>
          ))}
        </ul>
      </section>
      {round.moves.filter((m) => m.to !== 'decided').map((m) => {
        // Moving to review leaves drafts behind: say how many, and confirm that number.
        const drafts = m.to === 'reviewing' ? (round.counts.draft ?? 0) : 0;
        const errors = errorsWith(m.missing);
        return (
          <section key={m.to} className="card space-y-2">
            <p className="text-sm text-stone-700">{m.missing.length ? t('missing', { items: missingText(m.missing) }) : t('ready')}</p>
            {drafts ? <p className="text-sm font-medium text-brand-800" data-testid="drafts-left">{t('draftsLeft', { count: drafts })}</p> : null}
            <ActionForm
              action={moveRound}
              submitLabel={t('moveTo', { status: ts(m.to) })}
              confirmText={m.to === 'published' ? t('publishConfirm') : drafts ? t('draftsConfirm', { count: drafts }) : t('moveConfirm', { status: ts(m.to) })}
              errors={drafts && !m.missing.length ? { ...errors, precondition: t.raw('draftsChanged') as string } : errors}
            >
              {hidden}
              <input type="hidden" name="to" value={m.to} />
              {drafts ? <input type="hidden" name="draftsLeftBehind" value={drafts} /> : null}
            </ActionForm>
          </section>
        );
      })}
      {round.status === 'draft' || round.status === 'open' ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{t('edit')}</summary>
          <ActionForm action={saveRound} submitLabel={t('save')} okText={t('saved')} errors={baseErrors} className="mt-4 space-y-4">
            {hidden}
            <input type="hidden" name="locale" value={locale} />
            <RoundFields
              defaults={{
                ...round.terms,
                windowOpensAt: vnDate(round.terms.windowOpensAt),
                windowClosesAt: vnDate(round.terms.windowClosesAt),
              }}
            />
          </ActionForm>
        </details>
      ) : null}
      <section className="card space-y-3" aria-labelledby="quota-h">
        <h2 id="quota-h" className="text-lg font-semibold">{t('unitQuotas')}</h2>
        {unitQuotas.quotas.length === 0 ? (
          <p className="text-stone-700">{t('noUnitQuotas')}</p>
        ) : (
          <table className="table" data-testid="unit-quotas">
            <thead>
              <tr><th scope="col">{t('quotaUnit')}</th><th scope="col">{tk('collective')}</th><th scope="col">{tk('individual')}</th></tr>
            </thead>
            <tbody>
              {unitQuotas.quotas.map((q) => (
                <tr key={q.unitId}>
                  <td>{q.unit}</td>
                  <td className="tabular-nums">{q.approvedCollectives} / {q.collectives ?? '∞'}</td>
                  <td className="tabular-nums">{q.approvedIndividuals} / {q.individuals ?? '∞'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {round.status === 'draft' || round.status === 'open' || round.status === 'reviewing' ? (
          <ActionForm action={saveUnitQuota} submitLabel={t('saveQuota')} okText={t('saved')} errors={baseErrors} variant="secondary" className="grid items-end gap-3 sm:grid-cols-4">
            {hidden}
            <div>
              <UnitPicker
                id="q-unit"
                name="unitId"
                label={t('quotaUnit')}
                mode={unitQuotas.unitOptions ? { search: false } : { search: true, selected: null, filter: { under: unitQuotas.underUnitId } }}
                options={(unitQuotas.unitOptions ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </div>
            <div><label htmlFor="q-c" className="label">{tk('collective')}</label><input id="q-c" name="collectives" type="number" min={0} className="field" /></div>
            <div><label htmlFor="q-i" className="label">{tk('individual')}</label><input id="q-i" name="individuals" type="number" min={0} className="field" /></div>
          </ActionForm>
        ) : null}
      </section>
      {round.status === 'reviewing' ? (
        <section className="card space-y-3" aria-labelledby="decide-h">
          <h2 id="decide-h" className="text-lg font-semibold">{t('decideTitle')}</h2>
          {decideMissing.length ? <p className="text-sm text-stone-700">{t('missing', { items: missingText(decideMissing) })}</p> : null}
          <ActionForm
            action={recordDecision}
            submitLabel={t('decide')}
            confirmText={t('decideConfirm')}
            errors={errorsWith(decideMissing)}
          >
            {hidden}
            <div className="grid gap-3 sm:grid-cols-2">
              <div><label htmlFor="decisionNumber" className="label">{t('decisionNumber')}</label><input id="decisionNumber" name="decisionNumber" required maxLength={100} className="field" placeholder="1234/QĐ-UBND" /></div>
              <div><label htmlFor="decisionDate" className="label">{t('decisionDate')}</label><input id="decisionDate" name="decisionDate" type="date" required max={todayInVietnam()} className="field" /></div>
              <div><label htmlFor="decisionSigner" className="label">{t('decisionSigner')}</label><input id="decisionSigner" name="decisionSigner" required maxLength={200} className="field" /></div>
              <div>
                <label htmlFor="decisionSignerTitle" className="label">{t('decisionSignerTitle')}</label>
                <input id="decisionSignerTitle" name="decisionSignerTitle" list="signer-titles" maxLength={200} className="field" defaultValue={round.decisionSignerTitle ?? 'CHỦ TỊCH'} aria-describedby="decisionSignerTitle-hint" />
                <datalist id="signer-titles"><option value="CHỦ TỊCH" /><option value="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" /></datalist>
                <p id="decisionSignerTitle-hint" className="mt-1 text-xs text-stone-700">{t('decisionSignerTitleHint')}</p>
              </div>
              <div><label htmlFor="decisionPlace" className="label">{t('decisionPlace')}</label><input id="decisionPlace" name="decisionPlace" maxLength={200} className="field" defaultValue={round.decisionPlace ?? defaultDecisionPlace() ?? ''} placeholder="Quận 7" /></div>
            </div>
          </ActionForm>
        </section>
      ) : null}
      <section className="space-y-3" aria-labelledby="awards-h">
        <h2 id="awards-h" className="text-lg font-semibold">{t('awards')}</h2>
        {round.awards.length > LIST_FILTER_FROM || aq ? (
          <ListFilter param="aq" value={aq} keep={{ pq, pp: pageParam(pp) }} anchor="awards-h" list={t('awards')} matching={awardsShown.matching} total={round.awards.length} testId="awards-filter" />
        ) : null}
        {round.awards.length === 0 ? (
          <p className="card">{t('noAwards')}</p>
        ) : (
          <ol className="space-y-2" start={(awardsPage - 1) * AWARDS_PAGE + 1}>
            {awardsShown.items.map((a) => (
              <li key={a.id} className="card space-y-2 p-3" data-testid="award-item">
                <p>
                  <span className="text-stone-600">{tk(a.kind)} {a.ordinal}.</span> <strong>{a.name}</strong> · {a.unit}
                  {a.revoked ? <span className="badge ml-2 bg-brand-100 text-brand-800">{t('revoked')}: {a.revokeReason}</span> : null}
                  {' '}<Link href={`/manage/awards/${a.id}/certificate`} className="text-sm">{te('certificate')}</Link>
                </p>
                {!a.revoked && (round.status === 'published' || round.status === 'decided') ? (
                  <details>
                    <summary className="cursor-pointer text-sm text-brand-700">{t('revoke')}</summary>
                    <ActionForm action={revoke} submitLabel={t('revoke')} confirmText={t('revokeConfirm')} errors={baseErrors} className="mt-2 space-y-2">
                      <input type="hidden" name="award" value={a.id} />
                      <label className="label" htmlFor={`r-${a.id}`}>{t('revokeReason')}</label>
                      <input id={`r-${a.id}`} name="reason" required maxLength={2000} className="field" />
                      <label className="label" htmlFor={`d-${a.id}`}>{t('revokeDecision')}</label>
                      <input id={`d-${a.id}`} name="decision" required maxLength={200} className="field" />
                    </ActionForm>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <Pagination path={`/manage/rounds/${round.id}`} query={{ aq, pq, pp: pageParam(pp) }} page={awardsPage} pageCount={awardsShown.pageCount} hash="awards-h" />
      </section>
    </article>
  );
}

/** A stored instant as the YYYY-MM-DD a date input shows, in Vietnam's time zone. */
function vnDate(d: Date | null): string {
  return d ? new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) : '';
}
