// The fields of the round form, shared by "new round" and "edit round".
import { getTranslations } from 'next-intl/server';
import { COUNCIL_RULES, type CouncilRule } from '@/db/tables';
import { DEFAULT_BASIS } from '@/lib/council-rule';

export type RoundDefaults = Partial<{
  title: string;
  theme: string;
  period: string;
  authority: string;
  awardForm: string;
  criteria: string;
  windowOpensAt: string;
  windowClosesAt: string;
  quotaCollectives: number | null;
  quotaIndividuals: number | null;
  consultation: boolean;
  consultationDays: number | null;
  councilMembers: number;
  councilQuorum: number | null;
  councilRule: CouncilRule;
  councilBasis: string;
}>;

export async function RoundFields({ defaults = {} }: { defaults?: RoundDefaults }) {
  const t = await getTranslations('roundForm');
  const tc = await getTranslations('council');
  const d = {
    theme: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    awardForm: 'Giấy khen',
    consultationDays: 10,
    councilMembers: 9,
    councilRule: 'more_than_half' as CouncilRule,
    ...defaults,
  };
  const field = (name: keyof RoundDefaults, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={name} className="label">{t(name)}</label>
      <input id={name} name={name} className="field" defaultValue={(d[name] as string | number | null | undefined) ?? ''} {...props} />
    </div>
  );
  return (
    <>
      {field('title', { required: true, maxLength: 300 })}
      <div className="grid gap-4 sm:grid-cols-2">
        {field('theme', { required: true, maxLength: 300 })}
        {field('period', { required: true, maxLength: 50 })}
        {field('authority', { required: true, maxLength: 200 })}
        {field('awardForm', { required: true, maxLength: 100 })}
        {field('windowOpensAt', { type: 'date' })}
        {field('windowClosesAt', { type: 'date' })}
        {field('quotaCollectives', { type: 'number', min: 0 })}
        {field('quotaIndividuals', { type: 'number', min: 0 })}
      </div>
      <div>
        <label htmlFor="criteria" className="label">{t('criteria')}</label>
        <textarea id="criteria" name="criteria" rows={4} maxLength={10000} className="field" defaultValue={d.criteria ?? ''} />
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="consultation" defaultChecked={!!d.consultation} /> {t('consultation')}
      </label>
      {field('consultationDays', { type: 'number', min: 0, max: 60 })}
      <fieldset className="space-y-3 rounded-md border border-stone-300 p-3">
        <legend className="px-1 font-semibold">{t('council')}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          {field('councilMembers', { type: 'number', min: 1, max: 1000, required: true })}
          {field('councilQuorum', { type: 'number', min: 1, max: 1000 })}
          <div>
            <label htmlFor="councilRule" className="label">{t('councilRule')}</label>
            <select id="councilRule" name="councilRule" className="field" defaultValue={d.councilRule}>
              {COUNCIL_RULES.map((r) => <option key={r} value={r}>{tc(`rules.${r}`)}</option>)}
            </select>
          </div>
        </div>
        <div>
          <label htmlFor="councilBasis" className="label">{t('councilBasis')}</label>
          <textarea id="councilBasis" name="councilBasis" rows={2} maxLength={2000} className="field" defaultValue={d.councilBasis ?? ''} placeholder={DEFAULT_BASIS[d.councilRule]} />
        </div>
      </fieldset>
    </>
  );
}
