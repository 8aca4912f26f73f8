/**
 * Copied Payment Links helpers gone wrong (partnero.md §5): an id written without a partner
 * (seen by the click test's first click, made with no cookie), an id buried behind a second
 * `?`, and links in a frame of another site, which no helper can feed from the page's cookie.
 */
import { describe, expect, it } from 'vitest';
import { isNoPartnerValue } from '../link.client-reference-id-invalid';
import { frameSite, isCrossSiteFrame } from '../site';
import { cookie, link, PARTNER, page } from './fixtures';
import { type Case, describeRules, run } from './table';

const PROBE = 'partnero-inspector-probe';
const HREF = 'https://buy.stripe.com/aEU5lm';

/** The click test on an unreferred visit: first click without a cookie, then with the probe. */
function twoPhase(noCookie: string | null, withProbe: string | null = PROBE) {
  return link({
    afterClickNoCookie: noCookie,
    hrefAfterClickNoCookie:
      noCookie === null ? HREF : `${HREF}?client_reference_id=${encodeURIComponent(noCookie)}`,
    afterClick: withProbe,
    hrefAfterClick: withProbe === null ? HREF : `${HREF}?client_reference_id=${withProbe}`,
    probe: PROBE,
    clickedBy: 'test',
  });
}

const BURIED = 'https://buy.stripe.com/aEU5lm?locale=de?client_reference_id=partner_42';
const FRAME_OTHER_SITE = 'https://pay.widgets.example/plans.html';
const FRAME_SAME_SITE = 'https://widgets.shop.example.com/plans.html';

describeRules({
  'link.client-reference-id-invalid': [
    ...['undefined', 'null', '', '[object Object]', 'NaN'].map(
      (value): Case => ({
        name: `the helper writes ${JSON.stringify(value)} without a cookie`,
        page: page({ links: [twoPhase(value)] }),
        expect: ['error'],
        message: 'the helper writes it without a partner, on every organic checkout',
        fix: 'read the partnero_partner cookie first',
        target: { selector: 'a.buy', frame: 'top', href: HREF },
      }),
    ),
    {
      name: 'undefined is one Stripe accepts: the message says so',
      page: page({ links: [twoPhase('undefined')] }),
      expect: ['error'],
      message: 'client_reference_id "undefined" from a click without a referral cookie',
    },
    {
      name: 'a correct helper leaves the link alone without a cookie',
      page: page({ links: [twoPhase(null)] }),
      expect: [],
    },
    {
      name: 'no helper at all: nothing written either way',
      page: page({ links: [twoPhase(null, null)] }),
      expect: [],
    },
    {
      name: "the merchant's own valid id, left as it was: not this rule",
      page: page({ links: [twoPhase('order_1', 'order_1')] }),
      expect: [],
    },
    {
      name: 'one finding per link even when the probe click breaks the format too',
      page: page({ links: [twoPhase('undefined', 'a b')] }),
      expect: ['error'],
      message: 'without a partner',
    },
    {
      name: "a visitor's own click on an unreferred visit wrote undefined",
      page: page({ links: [link({ afterClick: 'undefined', clickedBy: 'user' })] }),
      expect: ['error'],
      message: 'without a partner',
    },
    {
      name: 'referred visit: the helper copies the cookie (no click without one)',
      page: page({ cookie: cookie(), links: [link({ afterClick: PARTNER, clickedBy: 'test' })] }),
      expect: [],
    },
    {
      name: 'never clicked: unknown, no finding',
      page: page({ links: [link()] }),
      expect: [],
    },
  ],
  'link.missing-client-reference-id': [
    {
      name: 'unreferred, correct helper: verified with the probe after a clean first click',
      page: page({ links: [twoPhase(null)] }),
      expect: [],
    },
    {
      name: 'a concatenating helper buried the id after a second "?"',
      page: page({
        cookie: cookie(),
        links: [
          link({
            href: 'https://buy.stripe.com/aEU5lm?locale=de',
            afterClick: null,
            hrefAfterClick: BURIED,
            clickedBy: 'test',
          }),
        ],
      }),
      expect: ['error'],
      message: 'appends it after a second "?"',
      fix: "url.searchParams.set('client_reference_id'",
    },
    {
      name: 'the second "?" is named with the query it hides behind',
      page: page({
        cookie: cookie(),
        links: [link({ afterClick: null, hrefAfterClick: BURIED, clickedBy: 'test' })],
      }),
      expect: ['error'],
      fix: 'already has a query ("?locale=de")',
    },
    {
      name: 'a buried id already in the href as found (never clicked): still explained',
      page: page({ cookie: cookie(), links: [link({ href: BURIED })] }),
      expect: ['info'],
      fix: 'a URL has one "?"',
    },
    {
      name: 'link in a frame of another site: hand the key in, not "add the helper in the frame"',
      page: page({
        cookie: cookie(),
        links: [link({ frame: FRAME_OTHER_SITE, afterClick: null, clickedBy: 'test' })],
      }),
      expect: ['error'],
      fix: 'append the decoded cookie as a URL parameter to the iframe',
      target: { frame: FRAME_OTHER_SITE },
    },
    {
      name: 'link in a same-site frame: add the helper inside the frame',
      page: page({
        cookie: cookie(),
        links: [link({ frame: FRAME_SAME_SITE, afterClick: null, clickedBy: 'test' })],
      }),
      expect: ['error'],
      fix: "Add Partnero's Payment Links helper inside the frame's page too.",
    },
  ],
});

describe('link.missing-client-reference-id: the fix for a frame of another site', () => {
  const fixOf = (frame: string, pageUrl = 'https://shop.example.com/pricing') =>
    run(
      page({
        url: pageUrl,
        cookie: cookie(),
        links: [link({ frame, afterClick: null, clickedBy: 'test' })],
      }),
    ).find((f) => f.rule === 'link.missing-client-reference-id')?.fix;

  it('names the site, says why a helper there cannot work, and both ways to hand the key in', () => {
    const fix = fixOf(FRAME_OTHER_SITE);
    expect(fix).toContain('a frame from another site (widgets.example)');
    expect(fix).toContain("cannot read this page's partnero_partner cookie");
    expect(fix).toContain('postMessage it from this page');
    expect(fix).toContain("have the frame's helper set client_reference_id from it");
    expect(fix).toContain('move the Payment Links into this page');
    expect(fix).not.toContain("Add Partnero's Payment Links helper");
  });

  it.each([
    ['a subdomain of the shop', 'https://pay.shop.example.com/w.html'],
    ['the same host', 'https://shop.example.com/frames/w.html'],
    ['about:blank', 'about:blank'],
    ['srcdoc', 'about:srcdoc'],
  ])('keeps the same-site advice for %s', (_name, frame) => {
    expect(fixOf(frame)).toBe("Add Partnero's Payment Links helper inside the frame's page too.");
  });
});

describe('isCrossSiteFrame', () => {
  it.each<[string, string, string, boolean]>([
    ['top frame', 'top', 'https://shop.example.com/', false],
    ['same host', 'https://shop.example.com/f.html', 'https://shop.example.com/', false],
    ['subdomain', 'https://w.shop.example.com/f.html', 'https://www.shop.example.com/', false],
    ['another site', 'https://widget.test/f.html', 'https://shop.example.com/', true],
    ['127.0.0.1 in localhost', 'http://127.0.0.1:8080/f.html', 'http://localhost:8080/', true],
    ['page URL unknown', 'https://widget.test/f.html', 'file:///tmp/p.html', false],
    ['blank frame', 'about:blank', 'https://shop.example.com/', false],
  ])('%s', (_name, frame, pageUrl, expected) => {
    expect(isCrossSiteFrame(frame, pageUrl)).toBe(expected);
  });

  it('frameSite names the registrable domain', () => {
    expect(frameSite('https://a.b.widgets.example/x')).toBe('widgets.example');
    expect(frameSite('about:blank')).toBe('about:blank');
  });
});

describe('isNoPartnerValue', () => {
  it.each<[string, boolean]>([
    ['undefined', true],
    ['null', true],
    ['', true],
    ['[object Object]', true],
    ['NaN', true],
    [' undefined ', true],
    ['partner_42', false],
    ['undefined_partner', false],
  ])('%j → %s', (value, expected) => {
    expect(isNoPartnerValue(value)).toBe(expected);
  });
});
