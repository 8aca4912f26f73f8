/** Reading the referral cookie out of `document.cookie` and decoding it as universal.js wrote it. */
import { describe, expect, it } from 'vitest';
import { decodeCookieValue, PARTNER_COOKIE, readCookie } from '../cookie';

describe('readCookie', () => {
  it('reads partnero_partner by default', () => {
    expect(PARTNER_COOKIE).toBe('partnero_partner');
    expect(readCookie('partnero_partner=ABC')).toBe('ABC');
  });

  it.each<{ name: string; cookies: string; expected: string | null }>([
    { name: 'empty document.cookie', cookies: '', expected: null },
    { name: 'only other cookies', cookies: 'a=1; b=2', expected: null },
    { name: 'first of several', cookies: 'partnero_partner=P1; a=1', expected: 'P1' },
    { name: 'in the middle', cookies: 'a=1; partnero_partner=P1; b=2', expected: 'P1' },
    { name: 'last, no space after ;', cookies: 'a=1;partnero_partner=P1', expected: 'P1' },
    { name: 'still URI-encoded (raw)', cookies: 'partnero_partner=a%20b%2Bc', expected: 'a%20b%2Bc' },
    { name: 'value containing =', cookies: 'partnero_partner=a=b==', expected: 'a=b==' },
    { name: 'empty value is present, not absent', cookies: 'partnero_partner=; a=1', expected: '' },
    { name: 'surrounding spaces trimmed', cookies: 'a=1;   partnero_partner=  P1  ; b=2', expected: 'P1' },
    {
      name: 'a longer name is another cookie',
      cookies: 'partnero_partner_x=NO; xpartnero_partner=NO',
      expected: null,
    },
    { name: 'partnero_referral is not the partner cookie', cookies: 'partnero_referral=R1', expected: null },
    { name: 'name only, no =', cookies: 'partnero_partner; a=1', expected: null },
    {
      name: 'duplicates: the first wins',
      cookies: 'partnero_partner=FIRST; partnero_partner=SECOND',
      expected: 'FIRST',
    },
    { name: 'name is case-sensitive', cookies: 'Partnero_Partner=NO', expected: null },
    { name: 'quoted value kept as is', cookies: 'partnero_partner="P1"', expected: '"P1"' },
  ])('$name', ({ cookies, expected }) => {
    expect(readCookie(cookies)).toBe(expected);
  });

  it('reads any other named cookie', () => {
    expect(readCookie('partnero_partner=P; partnero_session_uuid=U-1', 'partnero_session_uuid')).toBe('U-1');
  });
});

describe('decodeCookieValue', () => {
  it.each<{ name: string; raw: string; expected: string }>([
    { name: 'plain key', raw: 'PARTNER_1', expected: 'PARTNER_1' },
    { name: 'empty', raw: '', expected: '' },
    { name: 'percent-encoded space', raw: 'a%20b', expected: 'a b' },
    { name: 'encoded @ and .', raw: 'jane%40example.com', expected: 'jane@example.com' },
    { name: 'UTF-8 sequence', raw: '%C3%A9t%C3%A9', expected: 'été' },
    { name: '+ is not a space (not form encoding)', raw: 'a+b', expected: 'a+b' },
    { name: 'encoded %', raw: '100%25', expected: '100%' },
    { name: 'double-encoded decodes once', raw: 'a%2520b', expected: 'a%20b' },
    // Malformed percent-encoding keeps the raw text instead of throwing.
    { name: 'lone %', raw: '50%', expected: '50%' },
    { name: '% followed by non-hex', raw: '%zz', expected: '%zz' },
    { name: 'truncated escape', raw: 'abc%4', expected: 'abc%4' },
    { name: 'truncated UTF-8 sequence', raw: '%E0%A4%A', expected: '%E0%A4%A' },
    { name: 'invalid UTF-8 byte', raw: '%FF', expected: '%FF' },
    { name: 'lone surrogate half', raw: '%ED%A0%80', expected: '%ED%A0%80' },
    { name: 'valid part does not rescue a malformed one', raw: 'a%20b%', expected: 'a%20b%' },
  ])('$name', ({ raw, expected }) => {
    expect(decodeCookieValue(raw)).toBe(expected);
  });
});
