/** Which hosts are one site: the registrable-domain heuristic and cookie domain matching. */
import { describe, expect, it } from 'vitest';
import { cookieDomainCovers, isDomainCookie, isIpAddress, isSameSite, registrableDomain } from '../site';

describe('registrableDomain', () => {
  it.each<[string, string | null]>([
    ['shop.example', 'shop.example'],
    ['www.shop.example', 'shop.example'],
    ['app.shop.example', 'shop.example'],
    ['a.b.c.shop.example', 'shop.example'],
    ['WWW.Shop.Example.', 'shop.example'],
    ['www.shop.co.uk', 'shop.co.uk'],
    ['shop.co.uk', 'shop.co.uk'],
    ['co.uk', 'co.uk'],
    ['app.shop.com.au', 'shop.com.au'],
    ['www.shop.co.jp', 'shop.co.jp'],
    ['www.shop.com.br', 'shop.com.br'],
    // A TLD whose second level is not in the list: two labels.
    ['www.shop.uk', 'shop.uk'],
    ['www.co.example', 'co.example'],
    ['alice.github.io', 'alice.github.io'],
    ['docs.alice.github.io', 'alice.github.io'],
    ['github.io', 'github.io'],
    ['store-1.myshopify.com', 'store-1.myshopify.com'],
    ['my-app.up.railway.app', 'my-app.up.railway.app'],
    ['localhost', 'localhost'],
    ['shop.localhost', 'shop.localhost'],
    ['www.shop.localhost', 'shop.localhost'],
    ['app.shop.localhost', 'shop.localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['10.0.0.12', '10.0.0.12'],
    ['[::1]', '::1'],
    ['intranet', 'intranet'],
    ['', null],
    ['.shop.example', null],
    ['www..shop.example', null],
  ])('%s → %s', (host, site) => {
    expect(registrableDomain(host)).toBe(site);
  });
});

describe('isSameSite', () => {
  it.each<[string, string, boolean]>([
    ['www.shop.example', 'app.shop.example', true],
    ['www.shop.example', 'shop.example', true],
    ['www.shop.example', 'www.shop.example', true],
    ['www.shop.localhost', 'app.shop.localhost', true],
    ['www.shop.co.uk', 'checkout.shop.co.uk', true],
    ['www.shop.example', 'www.other.example', false],
    ['shop.example', 'shop.example.org', false],
    ['shop.co.uk', 'other.co.uk', false],
    ['alice.github.io', 'bob.github.io', false],
    ['www.shop.localhost', 'www.other.localhost', false],
    ['localhost', 'shop.localhost', false],
    ['127.0.0.1', 'localhost', false],
    ['127.0.0.1', '127.0.0.2', false],
    ['', '', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(isSameSite(a, b)).toBe(same);
    expect(isSameSite(b, a)).toBe(same);
  });
});

describe('cookieDomainCovers', () => {
  it.each<[string, string, boolean]>([
    ['.shop.example', 'shop.example', true],
    ['.shop.example', 'app.shop.example', true],
    ['.shop.example', 'a.b.shop.example', true],
    ['.shop.example', 'othershop.example', false],
    ['.www.shop.example', 'app.shop.example', false],
    ['www.shop.example', 'www.shop.example', true],
    ['www.shop.example', 'app.shop.example', false],
    ['WWW.shop.example', 'www.SHOP.example', true],
    ['.', 'shop.example', false],
  ])('domain %s reaches %s: %s', (domain, host, covers) => {
    expect(cookieDomainCovers(domain, host)).toBe(covers);
  });
});

describe('isDomainCookie / isIpAddress', () => {
  it('a leading dot means the cookie was set with domain=', () => {
    expect([
      isDomainCookie('.shop.example'),
      isDomainCookie('www.shop.example'),
      isDomainCookie(undefined),
    ]).toEqual([true, false, false]);
  });

  it('IPv4 and IPv6 addresses, not names', () => {
    expect(['127.0.0.1', '::1', '[2001:db8::1]', 'localhost', '1.2.3.example'].map(isIpAddress)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
