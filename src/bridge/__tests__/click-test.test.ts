/**
 * The click test on happy-dom pages: the page's own handlers run (Partnero's helper from
 * partnero.md §4, verbatim), the outcome is what they leave in the link, the probe cookie
 * never outlives the click, and the page never leaves. happy-dom follows an anchor click by
 * calling `window.open(href, target)`, so a spy on `open` shows any navigation attempt.
 * happy-dom has no Navigation API; where a test needs one, a stand-in is installed.
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readCookie } from '../../detect/cookie';
import { clickWithoutLeaving, installClickGuard, PROBE_VALUE } from '../click-test';
import { LIMITS } from '../limits';

const PAGE = 'https://shop.example.com/pricing';
const LIVE = 'https://buy.stripe.com/aEU5lm';

const windows: HappyWindow[] = [];
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

/** Partnero's helper (partnero.md §4), verbatim except that `document` is a parameter. */
function partneroHelper(document: Document): void {
  const updateLinkHref = (link: HTMLAnchorElement) => {
    const cookieValue = (document.cookie.match(/(^| )partnero_partner=([^;]+)/) || [])[2];
    if (cookieValue) {
      try {
        const url = new URL(link.href);
        url.searchParams.set('client_reference_id', decodeURIComponent(cookieValue));
        link.href = url.href;
      } catch (error) {
        console.error('Error:', error);
      }
    }
  };
  document.querySelectorAll<HTMLAnchorElement>('a[href^="https://buy.stripe.com/"]').forEach((link) => {
    link.addEventListener('click', () => updateLinkHref(link));
  });
}

interface Setup {
  href?: string;
  cookie?: string;
  helper?: boolean;
  /** Extra page handlers, bound after the helper. */
  bind?: (link: HTMLAnchorElement, win: Window) => void;
}

function setup({ href = LIVE, cookie, helper = true, bind }: Setup = {}) {
  const hw = new HappyWindow({ url: PAGE });
  windows.push(hw);
  const win = hw as unknown as Window;
  // As the bridge does at document_start, before any page script.
  installClickGuard(win);
  const doc = win.document;
  doc.body.innerHTML = `<p><a id="buy" href="${href}">Buy</a></p>`;
  if (cookie !== undefined) doc.cookie = `partnero_partner=${cookie}; path=/`;
  if (helper) partneroHelper(doc);
  const link = doc.getElementById('buy') as HTMLAnchorElement;
  bind?.(link, win);
  const open = vi.spyOn(hw, 'open').mockImplementation(() => null);
  return { win, doc, link, open };
}

describe('clickWithoutLeaving: what the page leaves in the link', () => {
  it.each<{
    name: string;
    setup: Setup;
    afterClick: string | null;
    probe: boolean;
  }>([
    {
      name: 'referred visit, helper bound: the cookie value',
      setup: { cookie: 'partner_42' },
      afterClick: 'partner_42',
      probe: false,
    },
    {
      name: 'referred visit, URI-encoded cookie: the decoded value',
      setup: { cookie: 'jane%2Bdoe' },
      afterClick: 'jane+doe',
      probe: false,
    },
    {
      name: 'referred visit, test-mode link',
      setup: { cookie: 'partner_42', href: 'https://buy.stripe.com/test_3cs9CS5HG6eQ8dW002' },
      afterClick: 'partner_42',
      probe: false,
    },
    {
      name: 'referred visit, helper replaces a stale id',
      setup: { cookie: 'partner_42', href: `${LIVE}?client_reference_id=old_1` },
      afterClick: 'partner_42',
      probe: false,
    },
    {
      name: 'unreferred visit, helper bound: the probe',
      setup: {},
      afterClick: PROBE_VALUE,
      probe: true,
    },
    {
      name: 'referred visit, no handler: null',
      setup: { cookie: 'partner_42', helper: false },
      afterClick: null,
      probe: false,
    },
    {
      name: 'unreferred visit, no handler: null (the probe was not copied)',
      setup: { helper: false },
      afterClick: null,
      probe: true,
    },
    {
      name: 'no handler, id hard-coded in the link: that id',
      setup: { cookie: 'partner_42', helper: false, href: `${LIVE}?client_reference_id=partner_7` },
      afterClick: 'partner_7',
      probe: false,
    },
    {
      name: 'a handler that stops propagation still counts',
      setup: {
        cookie: 'partner_42',
        bind: (link) => link.addEventListener('click', (e) => e.stopPropagation()),
      },
      afterClick: 'partner_42',
      probe: false,
    },
    {
      name: 'a handler that stops immediate propagation after the helper still counts',
      setup: {
        cookie: 'partner_42',
        bind: (link) => link.addEventListener('click', (e) => e.stopImmediatePropagation()),
      },
      afterClick: 'partner_42',
      probe: false,
    },
    {
      name: 'a delegated handler on document (the fix for late links) counts',
      setup: {
        cookie: 'partner_42',
        helper: false,
        bind: (link, win) =>
          win.document.addEventListener('click', (e) => {
            const a = (e.target as Element).closest('a');
            if (a === link) a.href = `${LIVE}?client_reference_id=partner_42`;
          }),
      },
      afterClick: 'partner_42',
      probe: false,
    },
    {
      name: 'a handler that prevents the default itself',
      setup: {
        cookie: 'partner_42',
        bind: (link) => link.addEventListener('click', (e) => e.preventDefault()),
      },
      afterClick: 'partner_42',
      probe: false,
    },
  ])('$name', ({ setup: s, afterClick, probe }) => {
    const { doc, link } = setup(s);
    const out = clickWithoutLeaving(link, doc);
    expect(out.afterClick).toBe(afterClick);
    expect(out.probe).toBe(probe ? PROBE_VALUE : undefined);
    expect(out.hrefAfterClick.startsWith('https://buy.stripe.com/')).toBe(true);
    if (afterClick !== null)
      expect(new URL(out.hrefAfterClick).searchParams.get('client_reference_id')).toBe(afterClick);
  });

  it('hrefAfterClick is the href the handlers left (capped)', () => {
    const { doc, link } = setup({ cookie: 'partner_42' });
    expect(clickWithoutLeaving(link, doc).hrefAfterClick).toBe(`${LIVE}?client_reference_id=partner_42`);

    const long = setup({ cookie: 'partner_42', href: `${LIVE}?q=${'a'.repeat(3000)}` });
    const out = clickWithoutLeaving(long.link, long.doc);
    expect(out.hrefAfterClick).toHaveLength(LIMITS.string + 1);
    expect(out.afterClick).toBe('partner_42');
  });

  it("on a referred visit the page's change to the link stays (it is what a real click does)", () => {
    const { doc, link } = setup({ cookie: 'partner_42' });
    clickWithoutLeaving(link, doc);
    expect(link.getAttribute('href')).toBe(`${LIVE}?client_reference_id=partner_42`);
    expect(readCookie(doc.cookie)).toBe('partner_42');
  });
});

describe('clickWithoutLeaving: the probe cookie', () => {
  // happy-dom turns `max-age=0` into "expires now" and keeps the cookie until the clock
  // moves (browsers delete it at once, RFC 6265 §5.2.2): step a fake clock after each click.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const click = (link: HTMLAnchorElement, doc: Document) => {
    const out = clickWithoutLeaving(link, doc);
    vi.setSystemTime(Date.now() + 1000);
    return out;
  };

  it.each<{ name: string; href: string; helper: boolean }>([
    { name: 'helper rewrote an absolute href', href: LIVE, helper: true },
    { name: 'helper rewrote a protocol-relative href', href: '//buy.stripe.com/aEU5lm', helper: true },
    { name: 'href with a query and fragment', href: `${LIVE}?prefilled_email=a%40b.co#x`, helper: true },
    { name: 'no handler, nothing to restore', href: LIVE, helper: false },
  ])('is removed afterwards and the href restored exactly: $name', ({ href, helper }) => {
    const { doc, link } = setup({ href, helper });
    doc.cookie = 'session=keep; path=/';
    const out = click(link, doc);
    expect(out.probe).toBe(PROBE_VALUE);
    expect(readCookie(doc.cookie)).toBeNull();
    expect(readCookie(doc.cookie, 'session')).toBe('keep');
    expect(link.getAttribute('href')).toBe(href);
  });

  it('is visible to the handlers during the click', () => {
    let seen: string | null = 'not called';
    const { doc, link } = setup({
      helper: false,
      bind: (a, win) => a.addEventListener('click', () => (seen = readCookie(win.document.cookie))),
    });
    click(link, doc);
    expect(seen).toBe(PROBE_VALUE);
  });

  it('is not used on a referred visit, and the real cookie is left alone', () => {
    const { doc, link } = setup({ cookie: 'partner_42', helper: false });
    expect(click(link, doc).probe).toBeUndefined();
    expect(readCookie(doc.cookie)).toBe('partner_42');
  });

  it('a second test click behaves like the first', () => {
    const { doc, link } = setup();
    const first = click(link, doc);
    const second = click(link, doc);
    expect(second).toEqual(first);
    expect(readCookie(doc.cookie)).toBeNull();
    expect(link.getAttribute('href')).toBe(LIVE);
  });
});

describe('clickWithoutLeaving: unreferred visits click twice, first with no cookie at all', () => {
  // As in the probe tests: happy-dom keeps a `max-age=0` cookie until the clock moves.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const click = (link: HTMLAnchorElement, doc: Document) => {
    const out = clickWithoutLeaving(link, doc);
    vi.setSystemTime(Date.now() + 1000);
    return out;
  };

  /** A copied helper without the guide's `if (cookieValue)`: decodeURIComponent(undefined). */
  const careless = (link: HTMLAnchorElement, win: Window) =>
    link.addEventListener('click', () => {
      const cookieValue = (win.document.cookie.match(/(^| )partnero_partner=([^;]+)/) || [])[2];
      const url = new URL(link.href);
      url.searchParams.set('client_reference_id', decodeURIComponent(cookieValue as string));
      link.href = url.href;
    });

  it.each<{ name: string; setup: Setup; noCookie: string | null; afterClick: string | null }>([
    {
      name: "the guide's helper leaves the link alone, then copies the probe",
      setup: {},
      noCookie: null,
      afterClick: PROBE_VALUE,
    },
    {
      name: 'a helper without the cookie check writes "undefined"',
      setup: { helper: false, bind: careless },
      noCookie: 'undefined',
      afterClick: PROBE_VALUE,
    },
    {
      name: 'a helper that writes an empty value',
      setup: {
        helper: false,
        bind: (link) => link.addEventListener('click', () => (link.href = `${LIVE}?client_reference_id=`)),
      },
      noCookie: '',
      afterClick: '',
    },
    { name: 'no helper: nothing either time', setup: { helper: false }, noCookie: null, afterClick: null },
  ])('$name', ({ setup: s, noCookie, afterClick }) => {
    const { doc, link } = setup(s);
    const out = click(link, doc);
    expect(out).toEqual({
      afterClickNoCookie: noCookie,
      hrefAfterClickNoCookie: noCookie === null ? LIVE : `${LIVE}?client_reference_id=${noCookie}`,
      afterClick,
      hrefAfterClick: afterClick === null ? LIVE : `${LIVE}?client_reference_id=${afterClick}`,
      probe: PROBE_VALUE,
    });
    expect(link.getAttribute('href')).toBe(LIVE);
    expect(readCookie(doc.cookie)).toBeNull();
  });

  it('the first click sees no cookie, the second the probe; the href is restored before each', () => {
    const seen: [string | null, string | null][] = [];
    const { doc, link } = setup({
      helper: false,
      bind: (a, win) =>
        a.addEventListener('click', () => {
          seen.push([readCookie(win.document.cookie), a.getAttribute('href')]);
          a.href = `${LIVE}?client_reference_id=x`;
        }),
    });
    click(link, doc);
    expect(seen).toEqual([
      [null, LIVE],
      [PROBE_VALUE, LIVE],
    ]);
  });

  it('a referred visit gets one click, with the cookie, and no first-phase record', () => {
    let clicks = 0;
    const { doc, link } = setup({
      cookie: 'partner_42',
      bind: (a) => a.addEventListener('click', () => clicks++),
    });
    const out = click(link, doc);
    expect(clicks).toBe(1);
    expect(out).toEqual({
      afterClick: 'partner_42',
      hrefAfterClick: `${LIVE}?client_reference_id=partner_42`,
    });
  });
});

describe('clickWithoutLeaving: the page never leaves', () => {
  it('control: an ordinary click on the link in this test page would navigate', () => {
    const { link, win, open } = setup();
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: win }));
    expect(open).toHaveBeenCalled();
  });

  it.each<{ name: string; setup: Setup }>([
    { name: 'helper bound, referred', setup: { cookie: 'p1' } },
    { name: 'helper bound, unreferred (probe)', setup: {} },
    { name: 'no handler', setup: { helper: false } },
    {
      name: 'a link handler that stops propagation',
      setup: { cookie: 'p1', bind: (link) => link.addEventListener('click', (e) => e.stopPropagation()) },
    },
    {
      name: 'a capturing handler on document that stops propagation',
      setup: {
        cookie: 'p1',
        bind: (_link, win) => win.document.addEventListener('click', (e) => e.stopPropagation(), true),
      },
    },
    {
      name: 'a capturing handler on window that stops propagation',
      setup: {
        cookie: 'p1',
        bind: (_link, win) => win.addEventListener('click', (e) => e.stopPropagation(), true),
      },
    },
    {
      name: 'target=_blank',
      setup: { cookie: 'p1', bind: (link) => link.setAttribute('target', '_blank') },
    },
  ])('default prevented, nothing opened: $name', ({ setup: s }) => {
    const { doc, link, win, open } = setup(s);
    let prevented: boolean | undefined;
    win.addEventListener('click', (e) => {
      prevented = e.defaultPrevented;
    });
    clickWithoutLeaving(link, doc);
    expect(open).not.toHaveBeenCalled();
    expect(win.location.href).toBe(PAGE);
    // Where the event still reaches the page's own bubbling window listener, it is already cancelled.
    if (prevented !== undefined) expect(prevented).toBe(true);
  });

  it('removes its own listeners: a later ordinary click is not cancelled', () => {
    const { doc, link, win, open } = setup({ cookie: 'p1' });
    clickWithoutLeaving(link, doc);
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: win }));
    expect(open).toHaveBeenCalledTimes(1);
  });

  // Regression (was a bug) (click-test.ts:49): without the Navigation API (happy-dom; Firefox before it shipped
  // the API) the only guard is a capture listener on window added at click time, i.e. after
  // every listener the page registered there. A page listener on window (capture) that calls
  // stopImmediatePropagation keeps it from running, nothing cancels the click, and the test
  // click follows the link to Stripe. Fix: register the capture listener once when the bridge
  // starts (document_start, before page scripts) and let it cancel while a test click runs.
  it('a capturing window handler that stops immediate propagation cannot make it navigate', () => {
    const { doc, link, open } = setup({
      cookie: 'p1',
      bind: (_link, win) => win.addEventListener('click', (e) => e.stopImmediatePropagation(), true),
    });
    clickWithoutLeaving(link, doc);
    expect(open).not.toHaveBeenCalled();
  });
});

describe('clickWithoutLeaving: with the Navigation API', () => {
  /** A stand-in for `window.navigation` that lets a handler start a script navigation. */
  function withNavigation(win: Window) {
    const navigation = new EventTarget();
    Object.defineProperty(win, 'navigation', { value: navigation, configurable: true });
    const navigate = (url: string) => {
      const ev = new Event('navigate', { cancelable: true });
      Object.defineProperty(ev, 'destination', { value: { url } });
      navigation.dispatchEvent(ev);
      return ev.defaultPrevented;
    };
    return { navigate };
  }

  it('a script navigation to Stripe is cancelled and its URL is the outcome', () => {
    let cancelled: boolean | undefined;
    const { doc, link, win, open } = setup({ helper: false, cookie: 'partner_42' });
    const { navigate } = withNavigation(win);
    // e.g. `e.preventDefault(); location.href = buildCheckoutUrl()`
    link.addEventListener('click', (e) => {
      e.preventDefault();
      cancelled = navigate(`${LIVE}?client_reference_id=partner_42&prefilled_email=a%40b.co`);
    });
    const out = clickWithoutLeaving(link, doc);
    expect(cancelled).toBe(true);
    expect(out.afterClick).toBe('partner_42');
    expect(out.hrefAfterClick).toBe(`${LIVE}?client_reference_id=partner_42&prefilled_email=a%40b.co`);
    expect(open).not.toHaveBeenCalled();
  });

  it('a script navigation elsewhere is left alone', () => {
    let cancelled: boolean | undefined;
    const { doc, link, win } = setup({ helper: false, cookie: 'partner_42' });
    const { navigate } = withNavigation(win);
    link.addEventListener('click', () => {
      cancelled = navigate('https://shop.example.com/track');
    });
    const out = clickWithoutLeaving(link, doc);
    expect(cancelled).toBe(false);
    expect(out.afterClick).toBeNull();
  });

  it('an ordinary link is still not followed, and the helper result is read', () => {
    const { doc, link, win, open } = setup({ cookie: 'partner_42' });
    withNavigation(win);
    const out = clickWithoutLeaving(link, doc);
    expect(out.afterClick).toBe('partner_42');
    expect(open).not.toHaveBeenCalled();
  });

  it('a navigate event after the click is not intercepted any more', () => {
    const { doc, link, win } = setup({ cookie: 'partner_42' });
    const { navigate } = withNavigation(win);
    clickWithoutLeaving(link, doc);
    expect(navigate(LIVE)).toBe(false);
  });
});
