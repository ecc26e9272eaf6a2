// An individual's own fields (position, gender, birth year, Party membership), the same on the new
// nomination form and on the dossier's edit form. Plain markup: usable from server and client components.
export type PersonFieldsText = { position: string; gender: string; male: string; female: string; other: string; birthYear: string; partyMember: string };
export type PersonDefaults = { position?: string | null; gender?: string | null; birthYear?: number | null; partyMember?: boolean };

export function PersonFields({ text, defaults = {} }: { text: PersonFieldsText; defaults?: PersonDefaults }) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <div>
        <label htmlFor="position" className="label">{text.position}</label>
        <input id="position" name="position" maxLength={200} defaultValue={defaults.position ?? ''} className="field" />
      </div>
      <div>
        <label htmlFor="gender" className="label">{text.gender}</label>
        <select id="gender" name="gender" className="field" defaultValue={defaults.gender ?? ''}>
          <option value="">—</option>
          <option value="male">{text.male}</option>
          <option value="female">{text.female}</option>
          <option value="other">{text.other}</option>
        </select>
      </div>
      <div>
        <label htmlFor="birthYear" className="label">{text.birthYear}</label>
        <input id="birthYear" name="birthYear" type="number" min={1900} max={2030} defaultValue={defaults.birthYear ?? ''} className="field" />
      </div>
      <label className="flex items-center gap-2 sm:col-span-3"><input type="checkbox" name="partyMember" defaultChecked={!!defaults.partyMember} /> {text.partyMember}</label>
    </div>
  );
}
