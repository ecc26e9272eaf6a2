// The fields of the round form, shared by "new round" and "edit round".
import { getTranslations } from 'next-intl/server';

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
}>;

export async function RoundFields({ defaults = {} }: { defaults?: RoundDefaults }) {
  const t = await getTranslations('roundForm');
  const d = {
    theme: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
    awardForm: 'Giấy khen',
    consultationDays: 10,
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
    </>
  );
}
