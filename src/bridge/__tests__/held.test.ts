/**
 * The bridge's held-script scan over a happy-dom page: held loaders are reported once each,
 * runnable and data scripts never, and a held `src` is not taken for a loaded Partnero script.
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEvent, ToBackground } from '../../protocol/messages';
import { newHeldScan, scanHeldScripts } from '../held';
import { startBridge } from '../start';
import { recordingApi } from './recording-api';

const UNIVERSAL = 'https://app.partnero.com/js/universal.js';
const LOADER = `(function(p,t,n,e,r,o){ p['__partnerObject']=r;})(window, document, 'script', '${UNIVERSAL}', 'po');`;

let win: HappyWindow;
beforeEach(() => {
  win = new HappyWindow({ url: 'https://shop.example.com/' });
  // happy-dom would run or fetch the page's scripts: these tests only read the markup.
  win.happyDOM.settings.disableJavaScriptEvaluation = true;
  win.happyDOM.settings.disableJavaScriptFileLoading = true;
});
afterEach(async () => {
  await win.happyDOM.close();
});

const head = (html: string) => win.document.head.insertAdjacentHTML('beforeend', html);
const scan = (state = newHeldScan()) => scanHeldScripts(win.document as unknown as Document, state);

describe('scanHeldScripts', () => {
  it('reports each held loader once, with its mechanism and attributes', () => {
    head(`<script type="text/plain" data-cookieconsent="marketing">${LOADER}</script>`);
    head(`<script type="rocketlazyloadscript" data-rocket-src="${UNIVERSAL}"></script>`);
    const state = newHeldScan();
    expect(scan(state)).toEqual<BridgeEvent[]>([
      {
        t: 'held-script',
        mechanism: 'cookiebot',
        attrs: ['type="text/plain"', 'data-cookieconsent="marketing"'],
      },
      {
        t: 'held-script',
        mechanism: 'wp-rocket',
        attrs: ['type="rocketlazyloadscript"', `data-rocket-src="${UNIVERSAL}"`],
        src: UNIVERSAL,
      },
    ]);
    expect(scan(state)).toEqual([]);
    // A script added later is found by the next scan.
    head(`<script type="4a7c8f2d1e3b-text/javascript">${LOADER}</script>`);
    expect(scan(state).map((e) => e.t === 'held-script' && e.mechanism)).toEqual(['rocket-loader']);
  });

  it('ignores runnable loaders, data blocks and held scripts of other vendors', () => {
    head(`<script>${LOADER}</script>`);
    head(`<script type="TEXT/JAVASCRIPT">${LOADER}</script>`);
    head(`<script type="module">${LOADER}</script>`);
    head(`<script src="${UNIVERSAL}" async></script>`);
    head(`<script type="application/ld+json">{"codeSample": ${JSON.stringify(LOADER)}}</script>`);
    head(`<script type="text/plain" data-cookieconsent="statistics">gtag('config', 'G-XXXX');</script>`);
    expect(scan()).toEqual([]);
  });

  it('stops after 20 held scripts in one document', () => {
    for (let i = 0; i < 30; i++) head(`<script type="text/plain" data-category="m${i}">${LOADER}</script>`);
    const state = newHeldScan();
    expect(scan(state)).toHaveLength(20);
    expect(scan(state)).toEqual([]);
  });
});

describe('startBridge with a held loader', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the held script at load, and a held src is not a loaded Partnero script', async () => {
    head(`<script type="text/plain" data-cookieconsent="marketing" src="${UNIVERSAL}"></script>`);
    const sent: ToBackground[] = [];
    startBridge(
      win as unknown as Window,
      recordingApi((m) => sent.push(m)),
    );
    win.document.dispatchEvent(new win.Event('readystatechange'));
    await vi.advanceTimersByTimeAsync(100);
    const events = sent.flatMap((m) => (m.type === 'page-events' ? m.events : []));
    expect(events.filter((e) => e.t === 'script')).toEqual([]);
    expect(events.filter((e) => e.t === 'held-script')).toEqual([
      {
        t: 'held-script',
        mechanism: 'cookiebot',
        attrs: ['type="text/plain"', 'data-cookieconsent="marketing"'],
        src: UNIVERSAL,
      },
    ]);
  });
});
