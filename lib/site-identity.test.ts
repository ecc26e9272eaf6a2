// The deployment's identity (banner and footer) comes from the environment, the demo's when unset.
import { describe, expect, it } from 'vitest';
import { DEMO_IDENTITY, siteIdentity, telHref } from './site-identity';

describe('site identity', () => {
  it('is the demo’s without configuration', () => {
    expect(siteIdentity({})).toEqual(DEMO_IDENTITY);
    expect(DEMO_IDENTITY.authority).toBe('ỦY BAN NHÂN DÂN QUẬN 7');
  });

  it('takes each field from its variable, as clean NFC text', () => {
    const id = siteIdentity({
      VINHDANH_AUTHORITY: 'ỦY BAN NHÂN DÂN PHƯỜNG TÂN PHONG'.normalize('NFD'),
      VINHDANH_AGENCY: ' Văn phòng\u202e HĐND và UBND ',
      VINHDANH_ADDRESS: 'Số 2 đường Ví Dụ',
      VINHDANH_PHONE: '+84 28 1234 5678',
      VINHDANH_EMAIL: 'lienhe@tanphong.example.vn',
    });
    expect(id).toEqual({
      authority: 'ỦY BAN NHÂN DÂN PHƯỜNG TÂN PHONG',
      agency: 'Văn phòng HĐND và UBND',
      address: 'Số 2 đường Ví Dụ',
      phone: '+84 28 1234 5678',
      email: 'lienhe@tanphong.example.vn',
    });
    expect(telHref(id.phone)).toBe('tel:+842812345678');
  });

  it('drops a phone or e-mail that would make a broken link, and keeps blank values at the default', () => {
    const id = siteIdentity({ VINHDANH_PHONE: 'javascript:alert(1)', VINHDANH_EMAIL: 'not an address', VINHDANH_AGENCY: '   ' });
    expect(id.phone).toBe('');
    expect(id.email).toBe('');
    expect(id.agency).toBe(DEMO_IDENTITY.agency);
  });
});
