// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { loaderSnippet } from './loader-snippet';
import { collectUnhandledRejections, openStubbedPage, type StubbedPage } from './stubbed-page';

const PROGRAM = 'QK3M2L9A';
const SHOP = 'https://shop.test/thanks';
const UNIVERSAL = /^https:\/\/app\.partnero\.com\/js\/universal\.js\?v\d+$/;
const SETTINGS = `https://assets.partnero.com/program/${PROGRAM}/settings/settings.js`;

const transaction = (key: string) => ({
  data: { key, amount: 49, customer: { key: 'cus_NffrFeUfNV2Hib' } },
  options: { create_customer: true },
});

/** An inline script, so calls can be placed before or after the loader like page code would be. */
const inline = (code: string) => `<script>${code}</script>`;
const page = (head: string, body = '') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

let opened: StubbedPage | undefined;
const open = async (url: string, html: string) => {
  opened = await openStubbedPage(url, html);
  return opened;
};
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

const posts = (p: StubbedPage) =>
  p.requests.filter((r) => r.method === 'POST').map((r) => ({ url: r.url, body: JSON.parse(r.body ?? '') }));

describe('universal.js stand-in with the real loader', () => {
  it('drains the queue in order and sends API calls once the program settings are in', async () => {
    const p = await open(
      `${SHOP}?aff=TEST`,
      page(
        loaderSnippet(PROGRAM) +
          inline(`po('transactions', 'create', ${JSON.stringify(transaction('ch_1'))});
            po('customers', 'signup', { data: { key: 'cus_1', email: 'jane@example.com' } });`),
      ),
    );
    expect(p.queue().q).toHaveLength(0);
    expect(p.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST', 'POST']);
    expect(p.requests[0]?.url).toMatch(UNIVERSAL);
    expect(p.requests[1]?.url).toBe(SETTINGS);
    expect(posts(p)).toEqual([
      {
        url: 'https://app.partnero.com/pub/v1/transactions',
        body: { program: PROGRAM, partner: 'TEST', ...transaction('ch_1') },
      },
      {
        url: 'https://app.partnero.com/pub/v1/customers',
        body: { program: PROGRAM, partner: 'TEST', data: { key: 'cus_1', email: 'jane@example.com' } },
      },
    ]);
  });

  it('keeps the queue function and array, and processes later calls at once returning undefined', async () => {
    const p = await open(
      SHOP,
      page(
        loaderSnippet(PROGRAM) +
          inline(
            `window.seen = { po: window.po, q: window.po.q, returned: typeof po('integration', 'universal', null) };`,
          ),
      ),
    );
    const seen = p.window.seen as { po: unknown; q: unknown; returned: string };
    const po = p.queue();
    expect(seen.returned).toBe('function'); // the loader's own queueing, before universal.js
    expect(po).toBe(seen.po);
    expect(po.q).toBe(seen.q);
    expect(Array.isArray(po.q)).toBe(true);

    expect(po('transactions', 'create', transaction('ch_2'))).toBeUndefined();
    expect(po.q).toHaveLength(0);
    await p.settle();
    expect(posts(p).map((post) => post.body.data.key)).toEqual(['ch_2']);
    expect(posts(p)[0]?.body.partner).toBeNull();
  });

  it.each([
    ['?aff=TEST', 'partnero_partner=TEST; path=/; max-age=2592000; SameSite=Lax'],
    [
      '?utm_source=x&aff=jane%20doe%40mail',
      'partnero_partner=jane%20doe%40mail; path=/; max-age=2592000; SameSite=Lax',
    ],
    ['?ref=TEST', undefined],
    ['', undefined],
  ])('writes the referral cookie for %j as %j', async (query, written) => {
    // Records what universal.js writes, attributes included, before the loader runs.
    const recorder = inline(`window.cookieWrites = [];
      const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
      Object.defineProperty(document, 'cookie', {
        get: () => cookie.get.call(document),
        set: (value) => { window.cookieWrites.push(value); cookie.set.call(document, value); },
      });`);
    const p = await open(SHOP + query, page(recorder + loaderSnippet(PROGRAM)));
    expect(p.window.cookieWrites).toEqual(written ? [written] : []);
  });

  it('honours a custom queue name', async () => {
    const p = await open(
      `${SHOP}?aff=TEST`,
      page(
        loaderSnippet(PROGRAM, 'pa') +
          inline(`pa('transactions', 'create', ${JSON.stringify(transaction('ch_3'))});`),
      ),
    );
    expect(p.window.po).toBeUndefined();
    expect(p.queue('pa').q).toHaveLength(0);
    expect(p.window.document.cookie).toBe('partnero_partner=TEST');
    expect(posts(p).map((post) => post.body.data.key)).toEqual(['ch_3']);
  });

  it('takes the queue over once when the loader runs twice', async () => {
    const p = await open(
      SHOP,
      page(
        loaderSnippet(PROGRAM) +
          loaderSnippet(PROGRAM) +
          inline(`po('transactions', 'create', ${JSON.stringify(transaction('ch_4'))});`),
      ),
    );
    expect(p.requests.filter((r) => UNIVERSAL.test(r.url))).toHaveLength(2);
    expect(p.requests.filter((r) => r.url === SETTINGS)).toHaveLength(1);
    expect(posts(p)).toHaveLength(1);
  });

  it.each([
    ['empty (falls back to the default)', '', SETTINGS],
    ['with a trailing slash', 'https://assets.partnero.com/', SETTINGS],
    ['relative', '/partnero', `https://shop.test/partnero/program/${PROGRAM}/settings/settings.js`],
  ])('loads the settings from an assets_host that is %s', async (_, host, expected) => {
    const html = page(
      loaderSnippet(PROGRAM).replace(
        "'assets_host', 'https://assets.partnero.com'",
        `'assets_host', '${host}'`,
      ),
    );
    // The relative host is answered 404 by the page's own server: that rejection is expected here.
    await collectUnhandledRejections(async () => {
      const p = await open(SHOP, html);
      expect(p.requests.map((r) => r.url)).toContain(expected);
    });
  });

  it('surfaces a missing settings script as an unhandled "Error: loading script" and sends nothing', async () => {
    const rejections = await collectUnhandledRejections(async () => {
      const p = await open(
        `${SHOP}?aff=TEST`,
        page(
          loaderSnippet('PUBLIC_PROGRAM_ID') +
            inline(`po('transactions', 'create', ${JSON.stringify(transaction('ch_5'))});`),
        ),
      );
      expect(p.queue().q).toHaveLength(0);
      expect(p.window.document.cookie).toBe('');
      expect(posts(p)).toEqual([]);
    });
    expect(rejections).toHaveLength(1);
    expect(String(rejections[0])).toBe('Error: loading script');
  });

  it('never throws into the page for odd input', async () => {
    const p = await open(
      `${SHOP}?aff=TEST`,
      page(loaderSnippet(PROGRAM) + inline('po(); po(null); po("program");')),
    );
    const po = p.queue();
    const cyclic: Record<string, unknown> = { data: {} };
    cyclic.self = cyclic;
    const odd: unknown[][] = [
      [],
      [42],
      ['toString'],
      ['constructor', 'x'],
      ['settings', 'host'],
      ['program', { id: 1 }, 'settings', '__proto__', { polluted: true }],
      ['transactions', 'create', cyclic],
      ['customers', 'signup', 'not an object'],
      ['integration', 'universal', null],
    ];
    for (const args of odd) expect(() => po(...args)).not.toThrow();
    expect(() => po.q.push(null, 7, { a: 'x' }, { a: ['program'], q: 'no' })).not.toThrow();
    await p.settle();
    expect(posts(p).map((post) => post.url)).toEqual(['https://app.partnero.com/pub/v1/customers']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
