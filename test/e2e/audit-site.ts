/**
 * A generated shop site for `audit` (e2e and bench): a home page linking to `pages - 2`
 * product pages, and a landing page only its sitemap lists. Seeded problems, by page number
 * `i` (1-based) modulo 10: 3 — no Partnero loader; 7 — a Payment Link without the helper
 * (unattributed when referred). Also: a logout link, a PDF and a robots.txt-disallowed page,
 * none of which an audit may visit (visiting /logout or /private/ answers 500).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type StaticServer, serveStatic } from '../../src/cli/static-server';
import { FIXTURES } from './support';

/** The guide's Partnero Universal snippet, as the fixtures carry it. */
const LOADER = /<!-- Partnero Universal -->[\s\S]*?<!-- End Partnero Universal -->/.exec(
  readFileSync(resolve(FIXTURES, 'payment-links-ok.html'), 'utf8'),
)?.[0] as string;

const HELPER = `<script>
  document.querySelectorAll('a[href^="https://buy.stripe.com/"]').forEach(function (link) {
    link.addEventListener('click', function () {
      var key = (document.cookie.match(/(^| )partnero_partner=([^;]+)/) || [])[2];
      if (key) { var u = new URL(link.href); u.searchParams.set('client_reference_id', decodeURIComponent(key)); link.href = u.href; }
    });
  });
</script>`;

/** The seeded kind of product page `i`. */
export function pageKind(i: number): 'no-loader' | 'unattributed-link' | 'attributed-link' | 'plain' {
  return (
    (
      [
        'plain',
        'plain',
        'plain',
        'no-loader',
        'plain',
        'attributed-link',
        'plain',
        'unattributed-link',
        'plain',
        'plain',
      ] as const
    )[i % 10] ?? 'plain'
  );
}

const html = (title: string, head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${head}</head><body>${body}</body></html>`;

function productPage(i: number): string {
  const kind = pageKind(i);
  const link = `<a id="buy-${i}" href="https://buy.stripe.com/test_site${i}">Buy product ${i}</a>`;
  const body = `<h1>Product ${i}</h1><p><a href="/">Home</a> <a href="/p/${i + 1}">Next</a></p>${kind.endsWith('-link') ? link : ''}${kind === 'attributed-link' ? HELPER : ''}`;
  return html(`Product ${i}`, kind === 'no-loader' ? '' : LOADER, body);
}

function homePage(products: number): string {
  const links = Array.from(
    { length: products },
    (_, k) => `<li><a href="/p/${k + 1}#top">Product ${k + 1}</a></li>`,
  );
  const extra =
    '<a href="/logout">Log out</a> <a href="/files/terms.pdf">Terms (PDF)</a> <a href="/private/admin">Admin</a>';
  return html('Shop', LOADER, `<h1>Shop</h1><p>${extra}</p><ul>${links.join('')}</ul>`);
}

/** Serves a site of `pages` checkable pages (home, `pages - 2` products, one sitemap-only landing page). */
export async function serveAuditSite(pages = 100): Promise<StaticServer> {
  const products = pages - 2;
  let origin = '';
  const page = (body: string) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });
  const server = await serveStatic(FIXTURES, 0, (path) => {
    if (path === '/') return page(homePage(products));
    const product = /^\/p\/(\d+)$/.exec(path);
    if (product) {
      const i = Number(product[1]);
      return i >= 1 && i <= products
        ? page(productPage(i))
        : { status: 404, contentType: 'text/plain', body: 'no such product' };
    }
    if (path === '/landing/spring')
      return page(html('Spring sale', '', '<h1>Spring sale</h1><a href="/">Shop</a>'));
    if (path === '/robots.txt')
      return { status: 200, contentType: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' };
    if (path === '/sitemap.xml') {
      const locs = ['/', '/landing/spring'].map((p) => `<url><loc>${origin}${p}</loc></url>`);
      return {
        status: 200,
        contentType: 'application/xml',
        body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.join('')}</urlset>`,
      };
    }
    if (path === '/logout' || path.startsWith('/private/'))
      return { status: 500, contentType: 'text/plain', body: 'must never be visited' };
    if (path === '/files/terms.pdf') return { status: 200, contentType: 'application/pdf', body: '%PDF-1.4' };
    return null;
  });
  origin = server.origin;
  return server;
}
