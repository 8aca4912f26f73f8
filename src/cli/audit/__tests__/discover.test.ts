// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscoverOptions,
  discoverPages,
  extractLinks,
  type FetchedText,
  fetchPageText,
  robotsAllows,
  robotsRules,
} from '../discover';

const O = 'https://shop.test';

type Entry = string | { status?: number; type?: string; body: string };

/** An in-memory site keyed by absolute URL; a string entry is a 200 text/html page. Unknown URLs answer 404. */
function site(pages: Record<string, Entry>, delay?: (url: string) => number) {
  const calls: string[] = [];
  let active = 0;
  let peak = 0;
  const fetchText = async (url: string): Promise<FetchedText | null> => {
    calls.push(url);
    active++;
    peak = Math.max(peak, active);
    try {
      if (delay) await new Promise((r) => setTimeout(r, delay(url)));
      const entry = pages[url];
      if (entry === undefined) return { status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' };
      if (typeof entry === 'string')
        return { status: 200, contentType: 'text/html; charset=utf-8', body: entry };
      return { status: entry.status ?? 200, contentType: entry.type ?? 'text/html', body: entry.body };
    } finally {
      active--;
    }
  };
  return { fetchText, calls, peak: () => peak };
}

const links = (...hrefs: string[]) => hrefs.map((h) => `<a href="${h}">x</a>`).join('\n');
const urlset = (...locs: string[]) =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((l) => `<url><loc>${l}</loc></url>`)
    .join('')}</urlset>`;
const xml = (body: string): Entry => ({ type: 'application/xml', body });
const text = (body: string): Entry => ({ type: 'text/plain', body });

function run(pages: Record<string, Entry>, opts: Partial<DiscoverOptions> = {}, start = `${O}/`) {
  const s = site(pages);
  const result = discoverPages(start, { maxPages: 50, obeyRobots: true, fetchText: s.fetchText, ...opts });
  return result.then((r) => ({ ...r, calls: s.calls }));
}

describe('discoverPages: links', () => {
  it('keeps same-origin http(s) links, resolved, without fragments, query kept, de-duplicated', async () => {
    const r = await run({
      [`${O}/`]: links(
        '/a',
        'b?aff=X&amp;utm=1',
        '/a#top',
        '#only-fragment',
        '',
        './c/../d',
        `${O}/e#x`,
        'HTTPS://SHOP.TEST/f',
        'http://shop.test/insecure',
        'https://shop.test:8443/port',
        'https://www.shop.test/sub',
        '//elsewhere.test/g',
        'https://elsewhere.test/h',
        'mailto:a@b.test',
        'tel:+123',
        'javascript:void(0)',
        'data:text/html,hi',
        'ftp://shop.test/file',
      ),
      [`${O}/a`]: links('/', '/b?aff=X&utm=1', '/z'),
    });
    expect(r.urls).toEqual([`${O}/`, `${O}/a`, `${O}/b?aff=X&utm=1`, `${O}/d`, `${O}/e`, `${O}/f`, `${O}/z`]);
    expect(r.skipped).toEqual([]);
    expect(r.dropped).toBe(0);
  });

  it('keeps query variants apart (?aff= matters) and resolves relative paths against the page', async () => {
    const r = await run({
      [`${O}/`]: links('/p?aff=A', '/p?aff=B', '/p', '/shop/list'),
      [`${O}/shop/list`]: links('item-1', '../about', '?page=2'),
    });
    expect(r.urls).toEqual([
      `${O}/`,
      `${O}/p?aff=A`,
      `${O}/p?aff=B`,
      `${O}/p`,
      `${O}/shop/list`,
      `${O}/shop/item-1`,
      `${O}/about`,
      `${O}/shop/list?page=2`,
    ]);
  });

  it('resolves against the first <base href>, itself relative to the page; a foreign base takes links away', async () => {
    const r = await run({
      [`${O}/`]: `<head><base href="/docs/"><base href="/ignored/"></head>${links('intro', '/abs', '../up')}`,
      [`${O}/docs/intro`]: `<base href="https://cdn.elsewhere.test/">${links('x', `${O}/kept`)}`,
    });
    expect(r.urls).toEqual([`${O}/`, `${O}/docs/intro`, `${O}/abs`, `${O}/up`, `${O}/kept`]);
  });

  it('reads <area href>, any attribute quoting and case, entities; not links in comments, scripts or other attributes', async () => {
    const html = [
      '<map><area shape="rect" HREF=/area></map>',
      "<A class=x href='/single'>s</A>",
      '<a href = /unquoted>u</a>',
      '<a data-href="/data" title="href=/title">t</a>',
      '<a href="/first" href="/second">two</a>',
      '<a href="/q?a=1&#38;b=2&#x26;c=3&copy=4">e</a>',
      '<!-- <a href="/commented">c</a> -->',
      '<script>document.write(\'<a href="/scripted">\')</script>',
      '<style>a[href="/styled"]{}</style>',
      '<link rel="canonical" href="/canonical">',
      '<a href="  /spaced  ">sp</a>',
    ].join('\n');
    const found = extractLinks(html, `${O}/`).map((u) => u.href);
    expect(found).toEqual([
      `${O}/area`,
      `${O}/single`,
      `${O}/unquoted`,
      `${O}/first`,
      `${O}/q?a=1&b=2&c=3&copy=4`,
      `${O}/spaced`,
    ]);
  });
});

describe('discoverPages: sitemap', () => {
  it('adds /sitemap.xml locs (same origin only) after the start URL and before links', async () => {
    const r = await run({
      [`${O}/`]: links('/linked', '/from-map-1'),
      [`${O}/sitemap.xml`]: xml(
        urlset(`${O}/from-map-1`, 'https://elsewhere.test/x', `${O}/q?a=1&amp;aff=K`, `${O}/from-map-2#frag`),
      ),
      [`${O}/from-map-1`]: '',
      [`${O}/q?a=1&aff=K`]: '',
      [`${O}/from-map-2`]: '',
      [`${O}/linked`]: '',
    });
    expect(r.urls).toEqual([
      `${O}/`,
      `${O}/from-map-1`,
      `${O}/q?a=1&aff=K`,
      `${O}/from-map-2`,
      `${O}/linked`,
    ]);
  });

  it('follows a sitemap index one level (CDATA, comments, text/plain accepted), not a nested index', async () => {
    const index = `<?xml version="1.0"?><sitemapindex>
      <sitemap><loc>${O}/map-a.xml</loc></sitemap>
      <!-- <sitemap><loc>${O}/commented.xml</loc></sitemap> -->
      <sitemap><loc><![CDATA[ ${O}/map-b.xml ]]></loc></sitemap>
      <sitemap><loc>${O}/nested-index.xml</loc></sitemap>
      <sitemap><loc>https://elsewhere.test/map.xml</loc></sitemap>
    </sitemapindex>`;
    const r = await run({
      [`${O}/`]: '',
      [`${O}/sitemap.xml`]: xml(index),
      [`${O}/map-a.xml`]: xml(urlset(`${O}/a1`, `${O}/a2`)),
      [`${O}/map-b.xml`]: text(urlset(`${O}/b1`)),
      [`${O}/nested-index.xml`]: xml(
        `<sitemapindex><sitemap><loc>${O}/deep.xml</loc></sitemap></sitemapindex>`,
      ),
      [`${O}/deep.xml`]: xml(urlset(`${O}/deep`)),
      [`${O}/commented.xml`]: xml(urlset(`${O}/commented`)),
      'https://elsewhere.test/map.xml': xml(urlset(`${O}/foreign-listed`)),
      [`${O}/a1`]: '',
      [`${O}/a2`]: '',
      [`${O}/b1`]: '',
    });
    expect(r.urls).toEqual([`${O}/`, `${O}/a1`, `${O}/a2`, `${O}/b1`]);
    expect(r.calls).not.toContain(`${O}/deep.xml`);
    expect(r.calls).not.toContain(`${O}/commented.xml`);
    expect(r.calls).not.toContain('https://elsewhere.test/map.xml');
  });

  it('ignores a missing, HTML (SPA fallback) or failing default sitemap', async () => {
    for (const entry of [
      undefined,
      '<!doctype html><html><body>app</body></html>',
      { status: 500, type: 'application/xml', body: urlset(`${O}/x`) },
    ]) {
      const pages: Record<string, Entry> = { [`${O}/`]: links('/a'), [`${O}/a`]: '' };
      if (entry !== undefined) pages[`${O}/sitemap.xml`] = entry;
      const r = await run(pages);
      expect(r.urls).toEqual([`${O}/`, `${O}/a`]);
      expect(r.skipped).toEqual([]);
    }
  });

  it('uses an explicit sitemap instead of /sitemap.xml, and lists it when unreadable', async () => {
    const pages = {
      [`${O}/`]: '',
      [`${O}/sitemap.xml`]: xml(urlset(`${O}/default`)),
      [`${O}/custom.xml`]: xml(urlset(`${O}/custom`)),
      [`${O}/custom`]: '',
    };
    const r = await run(pages, { sitemap: `${O}/custom.xml` });
    expect(r.urls).toEqual([`${O}/`, `${O}/custom`]);
    expect(r.calls).not.toContain(`${O}/sitemap.xml`);
    const missing = await run(pages, { sitemap: `${O}/missing.xml` });
    expect(missing.urls).toEqual([`${O}/`]);
    expect(missing.skipped).toEqual([{ url: `${O}/missing.xml`, reason: expect.stringMatching(/^sitemap/) }]);
  });
});

describe('discoverPages: robots.txt', () => {
  const pages = (robots: Entry): Record<string, Entry> => ({
    [`${O}/robots.txt`]: robots,
    [`${O}/`]: links(
      '/private/a',
      '/private/open/b',
      '/tie',
      '/shop?sort=price',
      '/shop/x.php',
      '/shop/x.php?y',
      '/ok',
    ),
    [`${O}/private/a`]: '',
    [`${O}/private/open/b`]: '',
    [`${O}/tie`]: '',
    [`${O}/shop?sort=price`]: '',
    [`${O}/shop/x.php`]: '',
    [`${O}/shop/x.php?y`]: '',
    [`${O}/ok`]: '',
  });
  const ROBOTS = [
    '# comment line',
    'User-agent: *',
    'Disallow: /private  # trailing comment',
    'Allow: /private/open',
    'Disallow: /tie',
    'Allow: /tie',
    'Disallow: /*?sort=',
    'Disallow: /*.php$',
    'Sitemap: https://shop.test/sitemap.xml',
  ].join('\n');

  it('longest match wins, Allow wins ties, * and $ patterns; disallowed URLs are listed, never fetched', async () => {
    const r = await run(pages(text(ROBOTS)));
    expect(r.urls).toEqual([`${O}/`, `${O}/private/open/b`, `${O}/tie`, `${O}/shop/x.php?y`, `${O}/ok`]);
    expect(r.skipped).toEqual([
      { url: `${O}/private/a`, reason: 'robots.txt' },
      { url: `${O}/shop?sort=price`, reason: 'robots.txt' },
      { url: `${O}/shop/x.php`, reason: 'robots.txt' },
    ]);
    for (const { url } of r.skipped) expect(r.calls).not.toContain(url);
  });

  it('a group naming partnero-inspector replaces the * groups; groups for it merge; shared agent lines', async () => {
    const robots = [
      'User-agent: *',
      'Disallow: /',
      '',
      'User-agent: Googlebot',
      'User-Agent: Partnero-Inspector/1.0',
      'Disallow: /ok',
      '',
      'User-agent: partnero-inspector',
      'Disallow: /tie',
    ].join('\r\n');
    const r = await run(pages(text(robots)));
    expect(r.skipped.map((s) => s.url)).toEqual([`${O}/tie`, `${O}/ok`]);
    expect(r.urls).toHaveLength(6);
  });

  it('other agents’ groups do not apply; the start URL is always included', async () => {
    const robots = 'User-agent: Googlebot\nDisallow: /ok\n\nUser-agent: *\nDisallow: /';
    const r = await run(pages(text(robots)));
    expect(r.urls).toEqual([`${O}/`]);
    expect(r.skipped).toHaveLength(7);
  });

  it('obeyRobots false: robots.txt is not read and everything is visited', async () => {
    const r = await run(pages(text('User-agent: *\nDisallow: /')), { obeyRobots: false });
    expect(r.urls).toHaveLength(8);
    expect(r.calls).not.toContain(`${O}/robots.txt`);
  });

  it('an HTML, garbage, failing or missing robots.txt allows all', async () => {
    const cases: (Entry | undefined)[] = [
      '<!doctype html><html>Disallow: /</html>',
      { type: 'text/plain', body: '<html><body>User-agent: *\nDisallow: /</body></html>' },
      text('\u0000\u0001 garbage ::: \n Disallow /\nUser-agent *\n:::'),
      text('Disallow: /\nAllow:'),
      { status: 503, type: 'text/plain', body: 'User-agent: *\nDisallow: /' },
      undefined,
    ];
    for (const robots of cases) {
      const p = pages(robots ?? '');
      if (robots === undefined) delete p[`${O}/robots.txt`];
      const r = await run(p);
      expect(r.urls).toHaveLength(8);
      expect(r.skipped).toEqual([]);
    }
  });

  it('robotsAllows: rule precedence and a pattern made to backtrack stay fast', () => {
    const rules = robotsRules(ROBOTS, 'partnero-inspector');
    expect(robotsAllows(rules, '/private')).toBe(false);
    expect(robotsAllows(rules, '/private/open/x')).toBe(true);
    expect(robotsAllows(rules, '/public')).toBe(true);
    expect(robotsAllows(robotsRules('User-agent: *\nDisallow: /ünï', 'x'), '/%C3%BCn%C3%AF/page')).toBe(
      false,
    );
    const nasty = robotsRules(`User-agent: *\nDisallow: /${'*a'.repeat(200)}b$`, 'x');
    const t0 = performance.now();
    expect(robotsAllows(nasty, `/${'a'.repeat(5000)}`)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('discoverPages: skipped and non-HTML', () => {
  it('lists state-changing links and obvious files with a reason and never fetches them', async () => {
    const unsafe = [
      '/logout',
      '/account/log-out',
      '/signout',
      '/sign-out?next=/',
      '/LogOff',
      '/cart/clear',
      '/empty-cart',
      '/x?action=clear-cart',
      '/cart/remove?id=1',
      '/item?do=delete',
      '/newsletter/unsubscribe',
      '/log%2Dout',
    ];
    const files = [
      '/a.pdf',
      '/b.ZIP',
      '/c.jpg',
      '/d.jpeg?w=1',
      '/e.png',
      '/f.svg',
      '/g.css',
      '/h.js',
      '/i.json',
    ];
    const r = await run({ [`${O}/`]: links(...unsafe, ...files, '/fine', '/page.html') });
    expect(r.urls).toEqual([`${O}/`, `${O}/fine`, `${O}/page.html`]);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      'state-changing link (logout)',
      'state-changing link (log-out)',
      'state-changing link (signout)',
      'state-changing link (sign-out)',
      'state-changing link (logoff)',
      'state-changing link (/cart/clear)',
      'state-changing link (empty-cart)',
      'state-changing link (clear-cart)',
      'state-changing link (remove)',
      'state-changing link (delete)',
      'state-changing link (unsubscribe)',
      'state-changing link (log-out)',
      'file type .pdf',
      'file type .zip',
      'file type .jpg',
      'file type .jpeg',
      'file type .png',
      'file type .svg',
      'file type .css',
      'file type .js',
      'file type .json',
    ]);
    for (const { url } of r.skipped) expect(r.calls).not.toContain(url);
  });

  it('skips answers that are not HTML (not counted as pages); xhtml and a sniffed untyped page count', async () => {
    const r = await run(
      {
        [`${O}/`]: links('/api', '/image', '/xhtml', '/untyped', '/untyped-text', '/next'),
        [`${O}/api`]: { type: 'application/json', body: '{"a":"<a href=/hidden>"}' },
        [`${O}/image`]: { type: 'image/png', body: '' },
        [`${O}/xhtml`]: { type: 'Application/XHTML+XML; charset=utf-8', body: links('/from-xhtml') },
        [`${O}/untyped`]: { type: '', body: '<!DOCTYPE html><html><body>ok</body></html>' },
        [`${O}/untyped-text`]: { type: '', body: 'plain words' },
        [`${O}/next`]: '',
        [`${O}/from-xhtml`]: '',
      },
      { maxPages: 5 },
    );
    expect(r.urls).toEqual([`${O}/`, `${O}/xhtml`, `${O}/untyped`, `${O}/next`, `${O}/from-xhtml`]);
    expect(r.skipped).toEqual([
      { url: `${O}/api`, reason: 'not HTML' },
      { url: `${O}/image`, reason: 'not HTML' },
      { url: `${O}/untyped-text`, reason: 'not HTML' },
    ]);
    expect(r.calls).not.toContain(`${O}/hidden`);
  });

  it('includes pages answering an HTTP error or a network error (the check reports them) without following them', async () => {
    const s = site({ [`${O}/`]: links('/gone', '/down', '/ok'), [`${O}/ok`]: '' });
    const fetchText = async (url: string) => {
      if (url === `${O}/down`) return null;
      if (url === `${O}/gone`) return { status: 410, contentType: 'text/html', body: links('/behind-error') };
      return s.fetchText(url);
    };
    const r = await discoverPages(`${O}/`, { maxPages: 10, obeyRobots: true, fetchText });
    expect(r.urls).toEqual([`${O}/`, `${O}/gone`, `${O}/down`, `${O}/ok`]);
    expect(s.calls).not.toContain(`${O}/behind-error`);
  });
});

describe('discoverPages: caps and order', () => {
  const wide = (n: number): Record<string, Entry> => {
    const pages: Record<string, Entry> = {
      [`${O}/`]: links(...Array.from({ length: n }, (_, i) => `/p${i}`)),
    };
    for (let i = 0; i < n; i++) pages[`${O}/p${i}`] = links(`/p${i}/child`);
    return pages;
  };

  it('stops at maxPages and counts the candidates left out', async () => {
    const r = await run(wide(10), { maxPages: 3 });
    expect(r.urls).toEqual([`${O}/`, `${O}/p0`, `${O}/p1`]);
    // p2..p9 queued but not taken, plus p0/child and p1/child found on the pages taken.
    expect(r.dropped).toBe(10);
    expect(r.calls.filter((c) => c.includes('/p'))).toHaveLength(2);
  });

  it('maxPages 1 still reads the start page, so what it leaves out is counted', async () => {
    const r = await run(wide(5), { maxPages: 1 });
    expect(r.urls).toEqual([`${O}/`]);
    expect(r.dropped).toBe(5);
  });

  it('a breadth-first order independent of answer timing, at most 4 fetches at once', async () => {
    const pages = wide(12);
    for (let i = 0; i < 12; i++) pages[`${O}/p${i}/child`] = '';
    const orders: string[][] = [];
    for (const seed of [1, 7, 13]) {
      const s = site(pages, (url) => ((url.length * seed) % 7) * 2);
      const r = await discoverPages(`${O}/`, { maxPages: 20, obeyRobots: false, fetchText: s.fetchText });
      orders.push(r.urls);
      expect(s.peak()).toBeLessThanOrEqual(4);
      expect(s.peak()).toBeGreaterThan(1);
      expect(r.dropped).toBe(5);
    }
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
    expect(orders[0]?.slice(0, 14)).toEqual([
      `${O}/`,
      ...Array.from({ length: 12 }, (_, i) => `${O}/p${i}`),
      `${O}/p0/child`,
    ]);
  });

  it('bounds the fetches spent on answers that are not HTML and counts the rest as dropped', async () => {
    const pages: Record<string, Entry> = {
      [`${O}/`]: links(...Array.from({ length: 500 }, (_, i) => `/download?id=${i}`)),
    };
    for (let i = 0; i < 500; i++)
      pages[`${O}/download?id=${i}`] = { type: 'application/octet-stream', body: '' };
    const r = await run(pages, { maxPages: 10 });
    expect(r.urls).toEqual([`${O}/`]);
    expect(r.calls.length).toBeLessThan(50);
    expect(r.skipped.length + r.dropped).toBe(500);
  });
});

describe('discoverPages: failures and hostile input', () => {
  it('a start URL that fails is still the one URL returned', async () => {
    const start = `${O}/shop#section`;
    const cases: FetchedText['status'][] = [500, 404];
    for (const status of cases) {
      const r = await discoverPages(start, {
        maxPages: 10,
        obeyRobots: true,
        fetchText: async () => ({ status, contentType: 'text/html', body: links('/never') }),
      });
      expect(r).toEqual({ urls: [start], skipped: [], dropped: 0 });
    }
    const offline = await discoverPages(start, {
      maxPages: 10,
      obeyRobots: true,
      fetchText: async () => null,
    });
    expect(offline).toEqual({ urls: [start], skipped: [], dropped: 0 });
    const throwing = await discoverPages(start, {
      maxPages: 10,
      obeyRobots: true,
      fetchText: () => Promise.reject(new Error('boom')),
    });
    expect(throwing.urls).toEqual([start]);
    const pdf = await run({ [`${O}/doc`]: { type: 'application/pdf', body: '%PDF' } }, {}, `${O}/doc`);
    expect(pdf.urls).toEqual([`${O}/doc`]);
    expect(await discoverPages('not a url', { maxPages: 5, obeyRobots: true })).toEqual({
      urls: ['not a url'],
      skipped: [],
      dropped: 0,
    });
  });

  it('a page of 20 000 links: taken up to the cap, the rest counted once each', async () => {
    const hrefs = Array.from({ length: 20_000 }, (_, i) => `/item/${i % 10_000}?v=${i % 10_000}`);
    const t0 = performance.now();
    const r = await run({ [`${O}/`]: links(...hrefs) }, { maxPages: 25 });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.urls).toHaveLength(25);
    expect(r.urls[1]).toBe(`${O}/item/0?v=0`);
    expect(r.dropped).toBe(10_000 - 24);
  });

  it('survives weird hrefs and broken markup', async () => {
    const html = [
      '<a href="http://[::1">bad ipv6</a>',
      '<a href="http://%zz/">bad host</a>',
      '<a href="https://shop.test:99999/">bad port</a>',
      '<a href="\\\\evil.test\\x">backslashes</a>',
      '<a href="/tab\tbed/new\nline">ws</a>',
      `<a href="/${'x'.repeat(10_000)}">long</a>`,
      '<a href="/%E0%A4%A">bad escape</a>',
      '<a href="/ünïcödé?q=ü">utf</a>',
      '<a <a <<>> href="/after-junk">',
      '<a href="&#0;&#xD800;&bogus;">refs</a>',
      '</a href="/closing-tag">',
      '<a href="/ok">',
      '<a href=/unterminated-quote-next title="oops>',
      '<a href="/swallowed-by-the-open-quote">',
    ].join('\n');
    const r = await run({ [`${O}/`]: html });
    expect(r.urls[0]).toBe(`${O}/`);
    expect(r.urls).toContain(`${O}/tabbed/newline`);
    expect(r.urls).toContain(`${O}/%C3%BCn%C3%AFc%C3%B6d%C3%A9?q=%C3%BC`);
    expect(r.urls).toContain(`${O}/%E0%A4%A`);
    expect(r.urls).toContain(`${O}/unterminated-quote-next`);
    expect(r.urls.some((u) => u.includes('xxxxxxxx'))).toBe(false);
    expect(r.urls).toContain(`${O}/ok`);
    expect(r.urls.some((u) => u.includes('closing-tag') || u.includes('swallowed'))).toBe(false);
    expect(r.urls.every((u) => u.startsWith(`${O}/`))).toBe(true);
  });

  it('reads at most 5 MB of a page, and pathological markup stays linear', async () => {
    const filler = 'x'.repeat(5 * 1024 * 1024);
    const huge = `${links('/early')}${filler}${links('/late')}`;
    const r = await run({ [`${O}/`]: huge, [`${O}/early`]: '' });
    expect(r.urls).toEqual([`${O}/`, `${O}/early`]);
    const t0 = performance.now();
    extractLinks("<a x='".repeat(400_000), `${O}/`);
    extractLinks('<a href=x '.repeat(400_000), `${O}/`);
    extractLinks('<!--'.repeat(400_000), `${O}/`);
    extractLinks('<script>'.repeat(400_000), `${O}/`);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('fetchPageText (the default fetch)', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: '/page' }).end();
      else if (req.url === '/x') res.writeHead(200, { 'content-type': 'text/html' }).end('');
      else if (req.url === '/page')
        res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="/x">é</a>');
      else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('y'.repeat(6 * 1024 * 1024));
      } else if (req.url === '/agent')
        res.writeHead(200, { 'content-type': 'text/plain' }).end(req.headers['user-agent']);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('follows redirects (saying where it landed), reads text, caps the body at 5 MB, answers 404s, null on a network error', async () => {
    expect(await fetchPageText(`${origin}/redirect`)).toEqual({
      status: 200,
      contentType: 'text/html',
      body: '<a href="/x">é</a>',
      url: `${origin}/page`,
    });
    expect((await fetchPageText(`${origin}/big`))?.body.length).toBe(5 * 1024 * 1024);
    expect(await fetchPageText(`${origin}/agent`)).toMatchObject({ body: 'partnero-inspector' });
    expect(await fetchPageText(`${origin}/missing`)).toMatchObject({ status: 404, body: 'nope' });
    expect(await fetchPageText('http://127.0.0.1:1/')).toBeNull();
  });

  it('discovers a real local site end to end', async () => {
    const r = await discoverPages(`${origin}/redirect`, { maxPages: 10, obeyRobots: true });
    expect(r.urls).toEqual([`${origin}/redirect`, `${origin}/x`]);
  });
});

describe('discoverPages: a start URL that redirects to another origin', () => {
  const WWW = 'https://www.shop.test';
  const landing = (url: string, body: string): Entry & { url?: string } => ({ body, url });

  it('audits the origin it lands on: its links, robots.txt and sitemap; the start URL stays first', async () => {
    const pages: Record<string, Entry> = {
      'http://shop.test/': landing(
        `${WWW}/`,
        links('/pricing', 'blog', '/', 'http://shop.test/old', '/private/x'),
      ),
      [`${WWW}/pricing`]: links('/thanks'),
      [`${WWW}/blog`]: '<h1>Blog</h1>',
      [`${WWW}/thanks`]: '<h1>Thanks</h1>',
      [`${WWW}/spring`]: '<h1>Spring</h1>',
      [`${WWW}/robots.txt`]: text('User-agent: *\nDisallow: /private/'),
      [`${WWW}/sitemap.xml`]: xml(urlset(`${WWW}/spring`)),
    };
    const s = site(pages);
    const redirecting = async (url: string) => {
      const answer = await s.fetchText(url);
      const entry = pages[url];
      return answer && typeof entry === 'object' && 'url' in entry
        ? { ...answer, url: entry.url as string }
        : answer;
    };
    const r = await discoverPages('http://shop.test/', {
      maxPages: 10,
      obeyRobots: true,
      fetchText: redirecting,
    });
    expect(r.urls).toEqual([
      'http://shop.test/',
      `${WWW}/spring`,
      `${WWW}/pricing`,
      `${WWW}/blog`,
      `${WWW}/thanks`,
    ]);
    expect(r.skipped).toEqual([{ url: `${WWW}/private/x`, reason: 'robots.txt' }]);
    expect(s.calls.filter((c) => c.startsWith('http://shop.test/'))).toEqual(['http://shop.test/']);
  });
});
