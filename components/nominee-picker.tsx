'use client';
// The new nomination form's nominee part: the kind first, then either someone already registered (one
// search box, insensitive to case, diacritics and đ) or someone new — with a warning, before anything is
// sent, when the unit already has a similar name (the server refuses it too, unless confirmed). An officer with
// more people than the page loads (`complete` false for the kind) searches them on the server as they type.
import { useEffect, useMemo, useState } from 'react';
import { nearKey } from '@/lib/name-match';
import { fold } from '@/lib/text';
import { PersonFields, type PersonFieldsText } from '@/components/person-fields';
import { UnitCombobox, type UnitComboboxLabels } from '@/components/unit-combobox';
import type { UnitOption } from '@/lib/unit-picker';

type Option = { id: number; label: string; name: string; unitId: number };
type Kind = 'individual' | 'collective';

export type NomineePickerText = PersonFieldsText & {
  kind: string;
  individual: string;
  collective: string;
  unit: string;
  unitHint: string;
  who: string;
  existing: string;
  createNew: string;
  search: string;
  searchHint: string;
  choose: string;
  noneFound: string;
  fullName: string;
  collectiveName: string;
  similar: string;
  confirmDuplicate: string;
  /** Shown when the list is cut: typing searches all of them. */
  searchAll: string;
  searching: string;
  searchFailed: string;
};

/** Server answers by kind and folded query: what the list shows while the officer types. */
type Found = { key: string; items: Option[]; failed?: boolean };

export function NomineePicker({
  units,
  unitSearch,
  individuals,
  collectives,
  complete = { individual: true, collective: true },
  text,
}: {
  units: Array<{ id: number; label: string }>;
  /** Too many units to list (a province's or the nation's office): the unit is found by typing, from this one. */
  unitSearch?: { selected: UnitOption | null; labels: UnitComboboxLabels };
  individuals: Option[];
  collectives: Option[];
  complete?: Record<Kind, boolean>;
  text: NomineePickerText;
}) {
  const [kind, setKind] = useState<Kind>('individual');
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [unitId, setUnitId] = useState<number>((unitSearch ? unitSearch.selected?.id : units[0]?.id) ?? 0);
  const [query, setQuery] = useState('');
  const [name, setName] = useState('');
  const options = kind === 'individual' ? individuals : collectives;
  const folded = useMemo(() => options.map((o) => ({ ...o, key: fold(o.label) })), [options]);
  const words = fold(query).split(' ').filter(Boolean);
  // The page has every one of this kind, or the first ones by name: then what is typed is searched on the server.
  const remote = !complete[kind] && mode === 'existing' && words.length > 0;
  const answer = useNomineeSearch(remote, { kind, q: query });
  const shown = remote ? (answer?.items ?? []) : folded.filter((o) => words.every((w) => o.key.includes(w))).slice(0, 50);
  const near = nearKey(name);
  // A new name's near-duplicates in the unit: among the people loaded, or — past them — found on the server.
  const remoteSimilar = !complete[kind] && mode === 'new' && near !== '' && unitId > 0;
  const similarAnswer = useNomineeSearch(remoteSimilar, { kind, q: name, unit: String(unitId) });
  const pool = remoteSimilar ? (similarAnswer?.items ?? []) : options;
  const similar = mode === 'new' && near ? pool.filter((o) => o.unitId === unitId && nearKey(o.name) === near) : [];
  return (
    <>
      <fieldset>
        <legend className="label">{text.kind}</legend>
        <div className="flex flex-wrap gap-6">
          {(['individual', 'collective'] as const).map((k) => (
            <label key={k} className="flex items-center gap-2">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {text[k]}
            </label>
          ))}
        </div>
      </fieldset>
      {unitSearch ? (
        <div>
          <UnitCombobox id="unitId" name="unitId" label={text.unit} selected={unitSearch.selected} query={{}} labels={unitSearch.labels} onChange={(u) => setUnitId(u.id)} />
          <p className="mt-1 text-sm text-stone-700">{text.unitHint}</p>
        </div>
      ) : (
        <div>
          <label htmlFor="unitId" className="label">{text.unit}</label>
          <select id="unitId" name="unitId" className="field" required value={unitId} onChange={(e) => setUnitId(Number(e.target.value))} aria-describedby="unitId-hint">
            {units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
          </select>
          <p id="unitId-hint" className="mt-1 text-sm text-stone-700">{text.unitHint}</p>
        </div>
      )}
      <fieldset className="space-y-3">
        <legend className="label">{text.who}</legend>
        <div className="flex flex-wrap gap-6">
          <label className="flex items-center gap-2"><input type="radio" name="mode" value="new" checked={mode === 'new'} onChange={() => setMode('new')} /> {text.createNew}</label>
          <label className="flex items-center gap-2"><input type="radio" name="mode" value="existing" checked={mode === 'existing'} onChange={() => setMode('existing')} /> {text.existing}</label>
        </div>
        {mode === 'existing' ? (
          <div className="space-y-2">
            <div>
              <label htmlFor="nominee-search" className="label">{text.search}</label>
              <input id="nominee-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} className="field" autoComplete="off" aria-describedby="nominee-search-hint" />
              <p id="nominee-search-hint" className="mt-1 text-sm text-stone-700">{complete[kind] ? text.searchHint : text.searchAll}</p>
            </div>
            <div>
              <label htmlFor="existingId" className="label">{text.choose}</label>
              {/* The field's name follows the kind, as the server reads it. */}
              <select id="existingId" name={kind === 'individual' ? 'existingIndividual' : 'existingCollective'} size={Math.min(8, Math.max(3, shown.length))} className="field" required>
                {shown.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
              </select>
              <p className="mt-1 text-sm text-stone-700" role="status" data-testid="nominee-search-status">
                {remote && !answer ? text.searching : answer?.failed ? text.searchFailed : shown.length === 0 ? text.noneFound : ''}
              </p>
            </div>
          </div>
        ) : (
          <div className="space-y-3">
            <div>
              <label htmlFor="name" className="label">{kind === 'individual' ? text.fullName : text.collectiveName}</label>
              <input id="name" name="name" maxLength={200} required className="field" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
            </div>
            {similar.length ? (
              <div role="status" className="rounded-md border-2 border-gold-400 bg-gold-100 px-3 py-2 text-sm" data-testid="similar-names">
                <p className="font-semibold">{text.similar}</p>
                <ul className="list-disc pl-5">{similar.map((o) => <li key={o.id}>{o.label}</li>)}</ul>
              </div>
            ) : null}
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="confirmDuplicate" /> {text.confirmDuplicate}</label>
            {kind === 'individual' ? <PersonFields text={text} /> : null}
          </div>
        )}
      </fieldset>
    </>
  );
}

/** The server's answer (/api/nominees/search) for `params` while `enabled`, a moment after the typing stops; null
 * until it comes, and for other params than the current ones. */
function useNomineeSearch(enabled: boolean, params: Record<string, string>): Found | null {
  const key = new URLSearchParams(params).toString();
  const [found, setFound] = useState<Found | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/nominees/search?${key}`, { signal: abort.signal })
        .then(async (res) => {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          setFound({ key, items: ((await res.json()) as { items: Option[] }).items });
        })
        .catch(() => {
          if (!abort.signal.aborted) setFound({ key, items: [], failed: true });
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [enabled, key]);
  return enabled && found?.key === key ? found : null;
}
