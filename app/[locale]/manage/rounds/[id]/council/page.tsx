import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { orNotFound, parseId } from '@/lib/route-params';
import { getSitting } from '@/lib/council';
import { hasRole } from '@/lib/policy';
import { Link } from '@/lib/i18n/navigation';
import { errorMessages } from '@/components/error-messages';
import { SittingForm, type SittingLabels } from '@/components/sitting-form';
import { saveSitting } from './actions';

export default async function CouncilPage({ params }: PageProps<'/[locale]/manage/rounds/[id]/council'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const view = await orNotFound(() => getSitting(actor, parseId(id)));
  const [t, ts, tk, tso, format, errors] = await Promise.all([getTranslations('council'), getTranslations('status'), getTranslations('kind'), getTranslations('signoff'), getFormatter(), errorMessages()]);
  const { round, council, sitting } = view;
  const approver = hasRole(actor, 'approver');
  // Why the form is not offered, when it is not: said instead of showing nothing.
  const why = !approver ? t('approverOnly') : round.status !== 'reviewing' ? t('notReviewing', { status: ts(round.status) }) : round.frozen ? t('frozen') : null;
  const labelKeys = ['sitting', 'heldOn', 'place', 'chair', 'secretary', 'membersPresent', 'votes', 'noChecked', 'nominee', 'unit', 'decision', 'approve', 'reject', 'for', 'against', 'abstain', 'rowLabel', 'hint', 'submit', 'submitSitting', 'confirm', 'saved', 'rowsTitle'] as const;
  const labels = Object.fromEntries(labelKeys.map((k) => [k, t.raw(k) as string])) as SittingLabels;
  const at = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
  return (
    <article className="space-y-6">
      <p className="text-sm print:hidden">
        <Link href={hasRole(actor, 'admin') ? `/manage/rounds/${round.id}` : `/manage/nominations?round=${round.id}`}>← {t('back')}</Link>
        {' · '}
        <Link href={`/manage/rounds/${round.id}/signoff`}>{tso('link')}</Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
        <p className="mt-1">{round.title} · {ts(round.status)}</p>
      </div>
      <section className="card space-y-1 text-sm" aria-label={t('rule', { needed: council.needed, members: council.members, rule: t(`rules.${council.rule}`) })} data-testid="council-rule">
        <p className="font-semibold">{t('rule', { needed: council.needed, members: council.members, rule: t(`rules.${council.rule}`) })}</p>
        {council.quorum != null ? <p>{t('quorum', { quorum: council.quorum })}</p> : null}
        <p className="text-stone-700">{t('basis', { basis: council.basis })}</p>
        {sitting ? <p className="text-stone-700">{t('recorded', { name: sitting.recordedBy, at: at(sitting.recordedAt) })}</p> : null}
        {sitting ? <p><a className="btn-secondary mt-2 inline-block" href={`/manage/rounds/${round.slug}/export/minutes.docx`}>{t('minutes')}</a></p> : null}
      </section>
      {why ? (
        <p className="rounded-md border border-stone-300 bg-stone-100 px-4 py-3 text-sm" data-testid="council-why">{why}</p>
      ) : (
        <SittingForm
          action={saveSitting}
          roundId={round.id}
          members={council.members}
          defaults={{
            heldOn: sitting?.heldOn ?? todayInVietnam(),
            place: sitting?.place ?? '',
            chair: sitting?.chair ?? '',
            secretary: sitting?.secretary ?? '',
            membersPresent: sitting?.membersPresent.join('\n') ?? '',
          }}
          nominees={view.checked.map((n) => ({ ...n, kind: tk(n.kind) }))}
          labels={labels}
          errors={errors}
          voteErrors={t.raw('errors') as Record<string, string>}
        />
      )}
      <section className="card overflow-x-auto" aria-labelledby="tallies-h">
        <h2 id="tallies-h" className="mb-2 text-lg font-semibold">{t('tallies', { count: view.tallies.length })}</h2>
        {view.tallies.length === 0 ? (
          <p className="text-stone-700">{t('noTallies')}</p>
        ) : (
          <table className="table" data-testid="council-tallies">
            <thead>
              <tr><th scope="col">#</th><th scope="col">{t('nominee')}</th><th scope="col">{t('unit')}</th><th scope="col">{t('for')}</th><th scope="col">{t('against')}</th><th scope="col">{t('abstain')}</th><th scope="col">{t('decision')}</th></tr>
            </thead>
            <tbody>
              {view.tallies.map((x, i) => (
                <tr key={x.nominationId}>
                  <td className="tabular-nums">{i + 1}</td>
                  <td><Link href={`/manage/nominations/${x.nominationId}`}>{x.name}</Link></td>
                  <td>{x.unit}</td>
                  <td className="tabular-nums">{x.for}</td>
                  <td className="tabular-nums">{x.against}</td>
                  <td className="tabular-nums">{x.abstain}</td>
                  <td>{ts(x.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

/** Today's date (YYYY-MM-DD) in Vietnam's time zone: the sitting's default date. */
function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}
