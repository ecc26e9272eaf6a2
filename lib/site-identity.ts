// Who publishes this site: the issuing authority's banner and the responsible agency in the footer, per
// deployment (environment variables read when a page renders; the defaults are the demo's, fictional contacts).
import { clean } from '@/lib/text';

export type SiteIdentity = {
  /** The issuing authority as the banner names it, e.g. "ỦY BAN NHÂN DÂN QUẬN 7". */
  authority: string;
  /** The agency responsible for the site's content. */
  agency: string;
  address: string;
  phone: string;
  email: string;
};

export const DEMO_IDENTITY: SiteIdentity = {
  authority: 'ỦY BAN NHÂN DÂN QUẬN 7',
  agency: 'Phòng Nội vụ Quận 7',
  address: 'Số 1 đường Minh Họa, Phường Tân Phú, Quận 7, Thành phố Hồ Chí Minh (địa chỉ minh họa)',
  phone: '028 0000 0007',
  email: 'vinhdanh@example.vn',
};

const VARIABLES: Record<keyof SiteIdentity, string> = {
  authority: 'VINHDANH_AUTHORITY',
  agency: 'VINHDANH_AGENCY',
  address: 'VINHDANH_ADDRESS',
  phone: 'VINHDANH_PHONE',
  email: 'VINHDANH_EMAIL',
};

/** The deployment's identity: each field from its variable (NFC, controls removed, at most 200 characters), the demo's when unset. */
export function siteIdentity(env: Record<string, string | undefined> = process.env): SiteIdentity {
  const read = (k: keyof SiteIdentity) => {
    const v = clean(env[VARIABLES[k]] ?? '').slice(0, 200);
    return v || DEMO_IDENTITY[k];
  };
  const identity = Object.fromEntries((Object.keys(VARIABLES) as Array<keyof SiteIdentity>).map((k) => [k, read(k)])) as SiteIdentity;
  // A phone link dials digits and '+' only; an e-mail link needs something that looks like an address.
  if (!/^\+?[\d\s().-]{3,30}$/.test(identity.phone)) identity.phone = '';
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(identity.email)) identity.email = '';
  return identity;
}

/** `tel:` href of a phone number as written ("028 0000 0007" → "tel:02800000007"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
