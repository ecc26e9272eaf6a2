import { getTranslations, setRequestLocale } from 'next-intl/server';
import { formatDate } from '@/lib/dates';
import { requireActor } from '@/lib/actor';
import { orNotFound, parseId } from '@/lib/route-params';
import { getFinalList } from '@/lib/signoff';
import { hasRole } from '@/lib/policy';
import { Link } from '@/lib/i18n/navigation';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { signOff, withdraw } from './actions';

export default async function SignoffPage({ params }: PageProps<'/[locale]/manage/rounds/[id]/signoff'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const view = await orNotFound(() => getFinalList(actor, parseId(id)));
  const [t, ts, tk, baseErrors] = await Promise.all([getTranslations('signoff'), getTranslations('status'), getTranslations('kind'), errorMessages()]);
  const errors = { ...baseErrors, conflict: t('changed') };
  const tco = await getTranslations('council');
  const te = await getTranslations('eligibility');
  const at = (d: Date) => formatDate(d, locale, { time: true });
  const approver = hasRole(actor, 'approver');
  const { round, entries, standing } = view;
  const hidden = <input type="hidden" name="id" value={round.id} />;
  const collectives = entries.filter((e) => e.kind === 'collective');
  const individuals = entries.filter((e) => e.kind === 'individual');
  const back = hasRole(actor, 'admin') ? `/manage/rounds/${round.id}` : `/manage/nominations?round=${round.id}`;
  return (
    <article className="space-y-6">
      <p className="text-sm print:hidden"><Link href={back}>← {t('back')}</Link> · <Link href={`/manage/rounds/${round.id}/council`}>{tco('link')}</Link></p>
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
        <p className="mt-1">{round.title} · {ts(round.status)}</p>
      </div>

      <section className="card space-y-2" aria-label={t('title')} data-testid="signoff-state">
        {standing ? (
          <>
            <p className="font-semibold text-brand-800">{t('standing', { name: standing.signedBy, at: at(standing.signedAt) })}</p>
            <p className="text-sm">{t('hash')}: <code className="break-all" data-testid="signoff-hash">{standing.listHash}</code></p>
          </>
        ) : (
          <>
            <p>{t('unsigned')}</p>
            {view.ready ? <p className="text-sm text-stone-700">{t('ready')}</p> : null}
            <ul className="list-disc pl-5 text-sm text-stone-700">
              {view.blockers.filter((b) => b !== 'signed').map((b) => <li key={b}>{t(`blockers.${b}`, { count: view.pending })}</li>)}
            </ul>
          </>
        )}
        {!approver ? <p className="text-sm text-stone-700" data-testid="signoff-why">{t('onlyApprover')}</p> : null}
        {approver && !standing && view.ready ? (
          <ActionForm action={signOff} submitLabel={t('sign')} confirmText={t('signConfirm')} okText={t('signed')} errors={errors}>
            {hidden}
            <input type="hidden" name="hash" value={view.hash} />
          </ActionForm>
        ) : null}
        {approver && standing && round.status === 'reviewing' ? (
          <details className="pt-2">
            <summary className="cursor-pointer text-brand-700">{t('withdraw')}</summary>
            <ActionForm action={withdraw} submitLabel={t('withdraw')} confirmText={t('withdrawConfirm')} okText={t('withdrawn')} errors={errors} variant="secondary" className="mt-2 space-y-2">
              {hidden}
              <label htmlFor="withdraw-reason" className="label">{t('withdrawReason')}</label>
              <textarea id="withdraw-reason" name="reason" rows={2} minLength={3} maxLength={2000} required className="field" />
            </ActionForm>
          </details>
        ) : null}
      </section>

      <section className="card space-y-2" aria-labelledby="exceptions-h" data-testid="signoff-exceptions">
        <h2 id="exceptions-h" className="text-lg font-semibold">{te('signoffExceptions', { count: view.exceptions.length })}</h2>
        {view.exceptions.length ? (
          <ul className="list-disc pl-5 text-sm">
            {view.exceptions.map((x) => <li key={x.nominationId}><Link href={`/manage/nominations/${x.nominationId}`}>{x.name}</Link>: {x.reason}</li>)}
          </ul>
        ) : null}
      </section>

      {view.waiting.length ? (
        <section className="card overflow-x-auto" aria-labelledby="waiting-h">
          <h2 id="waiting-h" className="mb-2 text-lg font-semibold">{t('waitingTitle', { count: view.waiting.length })}</h2>
          <table className="table" data-testid="signoff-waiting">
            <thead>
              <tr><th scope="col">{t('name')}</th><th scope="col">{t('unit')}</th><th scope="col">{t('statusColumn')}</th><th scope="col">{t('waitsForTitle')}</th></tr>
            </thead>
            <tbody>
              {view.waiting.map((w) => (
                <tr key={w.id}>
                  <td><Link href={`/manage/nominations/${w.id}`}>{w.name}</Link></td>
                  <td>{w.unit}</td>
                  <td>{ts(w.status)}</td>
                  <td>{t(`waitsFor.${w.waitsFor}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section className="grid gap-4 md:grid-cols-2" aria-label={t('quota')}>
        <div className="card overflow-x-auto">
          <h2 className="mb-2 text-lg font-semibold">{t('quota')}</h2>
          <table className="table" data-testid="signoff-quota">
            <thead>
              <tr><th scope="col">{t('unit')}</th><th scope="col">{tk('collective')}</th><th scope="col">{tk('individual')}</th></tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('overall')}</th>
                <td className="tabular-nums">{view.byKind.collective} / {round.quotaCollectives ?? '∞'}</td>
                <td className="tabular-nums">{view.byKind.individual} / {round.quotaIndividuals ?? '∞'}</td>
              </tr>
              {view.quotas.map((q) => (
                <tr key={q.unit}>
                  <th scope="row">{q.unit}</th>
                  <td className="tabular-nums">{q.approvedCollectives} / {q.collectives ?? '∞'}</td>
                  <td className="tabular-nums">{q.approvedIndividuals} / {q.individuals ?? '∞'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-sm text-stone-700">{t('rejected', { count: view.rejected })}{view.drafts ? ` · ${t('drafts', { count: view.drafts })}` : ''}</p>
        </div>
        <div className="card overflow-x-auto">
          <h2 className="mb-2 text-lg font-semibold">{t('countsByGender')}</h2>
          <table className="table" data-testid="signoff-gender">
            <tbody>
              {(['male', 'female', 'other', 'unknown'] as const).map((g) => (
                <tr key={g}><th scope="row">{t(g)}</th><td className="tabular-nums">{view.byGender[g]}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card overflow-x-auto" aria-labelledby="units-h">
        <h2 id="units-h" className="mb-2 text-lg font-semibold">{t('countsByUnit')}</h2>
        {view.byUnit.length === 0 ? (
          <p className="text-stone-700">{t('empty')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr><th scope="col">{t('unit')}</th><th scope="col">{tk('collective')}</th><th scope="col">{tk('individual')}</th></tr>
            </thead>
            <tbody>
              {view.byUnit.map((u) => (
                <tr key={u.unit}><th scope="row">{u.unit}</th><td className="tabular-nums">{u.collectives}</td><td className="tabular-nums">{u.individuals}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="space-y-4" aria-labelledby="list-h">
        <h2 id="list-h" className="text-lg font-semibold">{t('list')}</h2>
        {[
          { title: t('collectives', { count: collectives.length }), rows: collectives },
          { title: t('individuals', { count: individuals.length }), rows: individuals },
        ].map((group) => (
          <div key={group.title} className="card overflow-x-auto">
            <h3 className="mb-2 font-semibold">{group.title}</h3>
            {group.rows.length === 0 ? (
              <p className="text-stone-700">{t('empty')}</p>
            ) : (
              <table className="table">
                <thead>
                  <tr><th scope="col">#</th><th scope="col">{t('name')}</th><th scope="col">{t('position')}</th><th scope="col">{t('unit')}</th><th scope="col">{t('votes')}</th><th scope="col">{t('achievements')}</th></tr>
                </thead>
                <tbody>
                  {group.rows.map((e, i) => (
                    <tr key={e.nominationId}>
                      <td className="tabular-nums">{i + 1}</td>
                      <td><Link href={`/manage/nominations/${e.nominationId}`}>{e.name}</Link></td>
                      <td>{e.position ?? ''}</td>
                      <td>{e.unit}</td>
                      <td className="whitespace-nowrap tabular-nums" data-testid="signoff-vote">{view.votes[e.nominationId] ? t('vote', view.votes[e.nominationId]!) : '—'}</td>
                      <td className="min-w-[16rem] text-sm">{e.summary}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </section>

      {view.history.length ? (
        <section className="card" aria-labelledby="history-h">
          <h2 id="history-h" className="mb-2 text-lg font-semibold">{t('history')}</h2>
          <ol className="space-y-1 text-sm" data-testid="signoff-history">
            {view.history.map((s) => (
              <li key={s.id}>
                {t('historyEntry', { name: s.signedBy, at: at(s.signedAt) })} · <code className="break-all">{s.listHash.slice(0, 16)}…</code>
                {s.withdrawnAt ? <> — {t('historyWithdrawn', { at: at(s.withdrawnAt), name: s.withdrawnBy ?? '', reason: s.withdrawReason ?? '' })}</> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}
