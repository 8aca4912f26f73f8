/**
 * watchErrors: the page-side failures the isolated world can see. Only Partnero scripts that
 * fail to load and CSP blocks of Partnero URLs may reach the rules; everything else on a
 * merchant's page (its own scripts, images, runtime errors) must stay silent.
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { isPartneroUrl } from '../../detect/partnero';
import type { BridgeEvent } from '../../protocol/messages';
import { watchErrors } from '../errors';
import { LIMITS } from '../limits';

const UNIVERSAL = 'https://app.partnero.com/js/universal.js?v1732';
const SETTINGS = 'https://assets.partnero.com/program/ABC123/settings/settings.js';

const windows: HappyWindow[] = [];
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

function setup() {
  // happy-dom would try to fetch the scripts: stub loading as a success (a `load` event),
  // so the only `error` events are the ones the tests dispatch.
  const hw = new HappyWindow({
    url: 'https://shop.example.com/',
    settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true },
  });
  windows.push(hw);
  const win = hw as unknown as Window;
  const events: BridgeEvent[] = [];
  watchErrors(win, (e) => events.push(e));
  return { hw, win, doc: win.document, events };
}

/** An element the way the page would have it, then its load failure. */
function failToLoad(hw: HappyWindow, doc: Document, tag: string, attrs: Record<string, string>) {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  doc.head.appendChild(el);
  el.dispatchEvent(new hw.Event('error') as unknown as Event);
}

/** A securitypolicyviolation event as the browser fires it (bubbles from the element). */
function cspViolation(
  hw: HappyWindow,
  target: EventTarget,
  blockedURI: string,
  violatedDirective = 'script-src-elem',
  more: { effectiveDirective?: string; originalPolicy?: string } = {},
) {
  const ev = new hw.Event('securitypolicyviolation', { bubbles: true, composed: true }) as unknown as Event;
  Object.defineProperties(ev, {
    blockedURI: { value: blockedURI },
    violatedDirective: { value: violatedDirective },
    ...(more.effectiveDirective !== undefined && { effectiveDirective: { value: more.effectiveDirective } }),
    ...(more.originalPolicy !== undefined && { originalPolicy: { value: more.originalPolicy } }),
  });
  target.dispatchEvent(ev);
}

describe('watchErrors: scripts that fail to load', () => {
  it.each<{ name: string; tag: string; attrs: Record<string, string>; url: string | null }>([
    { name: 'universal.js', tag: 'script', attrs: { src: UNIVERSAL }, url: UNIVERSAL },
    { name: 'program settings script', tag: 'script', attrs: { src: SETTINGS }, url: SETTINGS },
    {
      name: 'bare partnero.com over http',
      tag: 'script',
      attrs: { src: 'http://partnero.com/x.js' },
      url: 'http://partnero.com/x.js',
    },
    {
      name: 'upper-case host',
      tag: 'script',
      attrs: { src: 'https://APP.PARTNERO.COM/js/universal.js' },
      url: 'https://app.partnero.com/js/universal.js',
    },
    {
      name: 'protocol-relative src (resolved against the page)',
      tag: 'script',
      attrs: { src: '//app.partnero.com/js/universal.js' },
      url: 'https://app.partnero.com/js/universal.js',
    },
    {
      name: "the merchant's own script",
      tag: 'script',
      attrs: { src: 'https://shop.example.com/app.js' },
      url: null,
    },
    {
      name: 'a third-party script',
      tag: 'script',
      attrs: { src: 'https://www.googletagmanager.com/gtm.js' },
      url: null,
    },
    {
      name: 'look-alike host',
      tag: 'script',
      attrs: { src: 'https://app.partnero.com.evil.test/u.js' },
      url: null,
    },
    {
      name: 'partnero in the path only',
      tag: 'script',
      attrs: { src: 'https://cdn.test/app.partnero.com/u.js' },
      url: null,
    },
    {
      name: 'partnero in the query only',
      tag: 'script',
      attrs: { src: `https://cdn.test/p.js?u=${UNIVERSAL}` },
      url: null,
    },
    {
      name: 'host ending in partnero.com',
      tag: 'script',
      attrs: { src: 'https://notpartnero.com/u.js' },
      url: null,
    },
    { name: 'inline script', tag: 'script', attrs: { 'data-src': UNIVERSAL }, url: null },
    {
      name: 'image from Partnero',
      tag: 'img',
      attrs: { src: 'https://app.partnero.com/pixel.gif' },
      url: null,
    },
    {
      name: 'stylesheet from Partnero',
      tag: 'link',
      attrs: { rel: 'stylesheet', href: 'https://assets.partnero.com/x.css' },
      url: null,
    },
  ])('$name', ({ tag, attrs, url }) => {
    const { hw, doc, events } = setup();
    failToLoad(hw, doc, tag, attrs);
    if (url === null) expect(events).toEqual([]);
    else {
      expect(events).toEqual([
        { t: 'error', kind: 'script-error', url, message: 'script failed to load', at: expect.any(Number) },
      ]);
    }
  });

  it('a Partnero script that loads gives nothing', () => {
    const { doc, events } = setup();
    const s = doc.createElement('script');
    s.src = UNIVERSAL;
    doc.head.appendChild(s);
    expect(events).toEqual([]);
  });

  it('a script inside the body or injected late is caught too', () => {
    const { hw, doc, events } = setup();
    const s = doc.createElement('script');
    s.src = UNIVERSAL;
    doc.body.appendChild(doc.createElement('div')).appendChild(s);
    s.dispatchEvent(new hw.Event('error') as unknown as Event);
    expect(events).toHaveLength(1);
  });

  it('caps a huge script URL', () => {
    const { hw, doc, events } = setup();
    failToLoad(hw, doc, 'script', { src: `https://app.partnero.com/js/universal.js?${'x'.repeat(5000)}` });
    const ev = events[0] as Extract<BridgeEvent, { t: 'error' }>;
    expect(ev.url).toHaveLength(LIMITS.string + 1);
  });

  it.each([
    { name: '"po is not defined"', message: 'Uncaught ReferenceError: po is not defined' },
    { name: 'a runtime error in universal.js', message: 'TypeError: x is undefined', filename: UNIVERSAL },
  ])('page runtime errors are not script load failures: $name', ({ message, filename }) => {
    const { hw, win, events } = setup();
    win.dispatchEvent(new hw.ErrorEvent('error', { message, filename }) as unknown as Event);
    expect(events).toEqual([]);
  });

  it('one event per failure: several Partnero scripts failing give one each', () => {
    const { hw, doc, events } = setup();
    failToLoad(hw, doc, 'script', { src: UNIVERSAL });
    failToLoad(hw, doc, 'script', { src: SETTINGS });
    expect(events.map((e) => (e as { url?: string }).url)).toEqual([UNIVERSAL, SETTINGS]);
  });
});

describe('watchErrors: Content-Security-Policy blocks', () => {
  it.each<{ name: string; blockedURI: string; directive?: string; expected: BridgeEvent | null }>([
    {
      name: 'universal.js blocked by script-src',
      blockedURI: UNIVERSAL,
      directive: 'script-src-elem',
      expected: {
        t: 'error',
        kind: 'csp',
        url: UNIVERSAL,
        message: 'blocked by Content-Security-Policy (script-src-elem)',
        directive: 'script-src-elem',
        effectiveDirective: 'script-src-elem',
        at: expect.any(Number),
      },
    },
    {
      name: 'tracking call blocked by connect-src',
      blockedURI: 'https://app.partnero.com/pub/v1/transactions',
      directive: 'connect-src',
      expected: {
        t: 'error',
        kind: 'csp',
        url: 'https://app.partnero.com/pub/v1/transactions',
        message: 'blocked by Content-Security-Policy (connect-src)',
        directive: 'connect-src',
        effectiveDirective: 'connect-src',
        at: expect.any(Number),
      },
    },
    { name: 'inline script blocked', blockedURI: 'inline', expected: null },
    { name: 'eval blocked', blockedURI: 'eval', expected: null },
    {
      name: 'another host blocked',
      blockedURI: 'https://www.google-analytics.com/analytics.js',
      expected: null,
    },
    {
      name: 'look-alike host blocked',
      blockedURI: 'https://app.partnero.com.evil.test/u.js',
      expected: null,
    },
    { name: 'empty blockedURI', blockedURI: '', expected: null },
  ])('$name', ({ blockedURI, directive, expected }) => {
    const { hw, doc, events } = setup();
    const script = doc.head.appendChild(doc.createElement('script'));
    cspViolation(hw, script, blockedURI, directive);
    expect(events).toEqual(expected ? [expected] : []);
  });

  it.each<{ name: string; effective: string; policy: string; directive: string }>([
    {
      name: "the guide's host only: settings.js blocked under script-src",
      effective: 'script-src-elem',
      policy: "script-src 'self' 'unsafe-inline' https://app.partnero.com; connect-src 'self'",
      directive: 'script-src',
    },
    {
      name: 'a tracking call under default-src',
      effective: 'connect-src',
      policy: "default-src 'self'",
      directive: 'default-src',
    },
  ])('names the directive as the policy does: $name', ({ effective, policy, directive }) => {
    const { hw, doc, events } = setup();
    cspViolation(hw, doc, SETTINGS, effective, { effectiveDirective: effective, originalPolicy: policy });
    expect(events).toEqual([
      expect.objectContaining({ kind: 'csp', url: SETTINGS, directive, effectiveDirective: effective }),
    ]);
  });

  it('a violation reported on the document itself is caught', () => {
    const { hw, doc, events } = setup();
    cspViolation(hw, doc, UNIVERSAL);
    expect(events).toHaveLength(1);
  });

  it('caps the directive text the page controls', () => {
    const { hw, doc, events } = setup();
    cspViolation(hw, doc, UNIVERSAL, 'x'.repeat(1000));
    const ev = events[0] as Extract<BridgeEvent, { t: 'error' }>;
    expect(ev.message).toHaveLength(301);
    expect(ev.message.endsWith('…')).toBe(true);
  });
});

describe('isPartneroUrl (scripts the bridge reports)', () => {
  it.each<{ src: string; expected: boolean }>([
    { src: UNIVERSAL, expected: true },
    { src: SETTINGS, expected: true },
    { src: 'https://partnero.com/x.js', expected: true },
    { src: 'http://app.partnero.com/js/universal.js', expected: true },
    { src: 'https://a.b-c.partnero.com/x', expected: true },
    // A bare origin is on Partnero's host too (the old regex wanted a path; one definition now).
    { src: 'https://app.partnero.com', expected: true },
    { src: 'https://app.partnero.com.evil.test/x', expected: false },
    { src: 'https://evilpartnero.com/x', expected: false },
    { src: 'https://evil.test/https://app.partnero.com/x', expected: false },
    { src: 'ftp://app.partnero.com/x', expected: false },
    { src: '//app.partnero.com/x', expected: false },
    { src: '', expected: false },
  ])('$src → $expected', ({ src, expected }) => {
    expect(isPartneroUrl(src)).toBe(expected);
  });
});
