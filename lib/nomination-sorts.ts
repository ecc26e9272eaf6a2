// The orders the nominations list offers (shared by the data layer and the URL query).
export const NOMINATION_SORTS = ['newest', 'name', 'unit', 'status', 'submitted', 'updated'] as const;
export type NominationSort = (typeof NOMINATION_SORTS)[number];
