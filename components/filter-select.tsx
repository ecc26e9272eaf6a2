// One labelled <select> of a GET filter form, with an "all" choice.
export function FilterSelect({ id, name, label, allLabel, value, options, className = 'min-w-40' }: {
  id: string;
  name: string;
  label: string;
  allLabel: string;
  value: string | number | undefined;
  options: Array<{ value: string | number; label: string }>;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="label">{label}</label>
      <select id={id} name={name} defaultValue={value ?? ''} className="field">
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}
