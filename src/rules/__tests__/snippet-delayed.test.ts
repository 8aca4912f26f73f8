/**
 * `snippet.delayed`: the loader is in the page but a consent manager or a speed optimizer
 * holds it. Fires at the end of the watch while the held code has not run; silent once it
 * ran; its consequences (no cookie after a referral, a stuck queue, `po is not defined`,
 * unverified links) nest under it, and `snippet.missing` does not call the loader missing.
 */
import { describe, expect, it } from 'vitest';
import type { HeldScript, PageState } from '../../model/types';
import { checklist } from '../../report/checklist';
import { call, cookie, link, page, request, UNIVERSAL, unrelatedPage } from './fixtures';
import { describeRules, run } from './table';

const REFERRED_URL = 'https://shop.example.com/?aff=partner_42';

const held = (extra: Partial<HeldScript> = {}): HeldScript => ({
  frame: 'top',
  mechanism: 'cookiebot',
  attrs: ['type="text/plain"', 'data-cookieconsent="marketing"'],
  ...extra,
});

/** A page whose only loader is held: nothing of Partnero ran. */
const heldPage = (extra: Partial<PageState> = {}, scripts: HeldScript[] = [held()]) =>
  unrelatedPage({ url: REFERRED_URL, heldScripts: scripts, ...extra });

/** The held loader ran after all (consent given): what the hook and the network saw. */
const releasedPage = (extra: Partial<PageState> = {}) =>
  page({ url: REFERRED_URL, heldScripts: [held()], ...extra });

const counts = (state: PageState) => {
  const out: Record<string, number> = {};
  for (const f of run(state)) {
    const key = `${f.rule}:${f.severity}${f.causedBy ? ` <- ${f.causedBy}` : ''}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
};

describeRules({
  'snippet.delayed': [
    {
      name: 'Cookiebot holds the loader, no consent',
      page: heldPage(),
      expect: ['warning'],
      message:
        'held by Cookiebot until the visitor consents (type="text/plain", data-cookieconsent="marketing"): a referred visitor who goes to another page or buys before consenting is not attributed',
      fix: 'data-cookieconsent="ignore"',
      target: { frame: 'top' },
    },
    {
      name: 'OneTrust',
      page: heldPage({}, [
        held({ mechanism: 'onetrust', attrs: ['type="text/plain"', 'class="optanon-category-C0004"'] }),
      ]),
      expect: ['warning'],
      message: 'held by OneTrust until the visitor consents',
      fix: 'C0001',
    },
    {
      name: 'a consent manager known by data-category: the fix keeps the referral parameter',
      page: heldPage({}, [
        held({ mechanism: 'consent', attrs: ['type="text/plain"', 'data-category="marketing"'] }),
      ]),
      expect: ['warning'],
      message:
        'held by a consent manager until the visitor consents (type="text/plain", data-category="marketing")',
      fix: "keep the ?aff= parameter on the visitor's next pages until they consent",
    },
    {
      name: 'WP Rocket delays it until the first interaction',
      page: heldPage({}, [held({ mechanism: 'wp-rocket', attrs: ['type="rocketlazyloadscript"'] })]),
      expect: ['warning'],
      message: 'deferred by WP Rocket until the first interaction (type="rocketlazyloadscript")',
      fix: 'add partnero',
    },
    {
      name: 'LiteSpeed',
      page: heldPage({}, [held({ mechanism: 'litespeed', attrs: ['type="litespeed/javascript"'] })]),
      expect: ['warning'],
      message: 'deferred by LiteSpeed Cache until the first interaction',
      fix: 'JS Deferred / Delayed Excludes',
    },
    {
      name: 'Cloudflare Rocket Loader',
      page: heldPage({}, [
        held({ mechanism: 'rocket-loader', attrs: ['type="4a7c8f2d1e3b-text/javascript"'] }),
      ]),
      expect: ['warning'],
      message:
        'deferred by Cloudflare Rocket Loader (type="4a7c8f2d1e3b-text/javascript"), which runs it only after',
      fix: 'data-cfasync="false"',
    },
    {
      name: 'an unknown type',
      page: heldPage({}, [held({ mechanism: 'unknown', attrs: ['type="text/plain"'] })]),
      expect: ['warning'],
      message: 'held back (type="text/plain"): browsers do not run a script of that type',
      fix: "changed the script's type",
    },
    {
      name: 'a mechanism this version does not know is shown as unknown',
      page: heldPage({}, [held({ mechanism: 'toString', attrs: ['type="x/y"'] })]),
      expect: ['warning'],
      message: 'held back (type="x/y")',
    },
    {
      name: 'a page that is not referred still gets it',
      page: heldPage({ url: 'https://shop.example.com/' }),
      expect: ['warning'],
    },
    {
      name: 'page data in the message is one capped line',
      page: heldPage({}, [
        held({ attrs: ['type="text/plain"', `data-cookieconsent="a\nb${'x'.repeat(300)}"`] }),
      ]),
      expect: ['warning'],
      message: 'data-cookieconsent="a b',
    },
    {
      name: 'the loader and its universal.js both held: one finding',
      page: heldPage({}, [held(), held({ src: UNIVERSAL, attrs: ['type="text/plain"'] })]),
      expect: ['warning'],
    },
    {
      name: 'held in a frame',
      page: heldPage({}, [held({ frame: 'https://widgets.example.com/' })]),
      expect: ['warning'],
      message: 'The Partnero loader is in a frame but',
      target: { frame: 'https://widgets.example.com/' },
    },
    { name: 'not decided before the end of the watch', page: heldPage({ watchEnded: false }), expect: [] },
    { name: 'nothing held', page: page({ url: REFERRED_URL }), expect: [] },
    { name: 'consent given: the held loader then ran', page: releasedPage(), expect: [] },
    {
      name: 'the loader ran (its run only) after being released',
      page: heldPage({ loaderRuns: [{ at: 900, frame: 'top', queueName: 'po', inHead: false }] }),
      expect: [],
    },
    {
      name: 'the queue got calls through it',
      page: heldPage({ calls: [call('program', 'ABC123', 'load')] }),
      expect: [],
    },
    {
      name: 'a held universal.js that was requested after all',
      page: heldPage({ requests: [request(UNIVERSAL)] }, [
        held({ src: UNIVERSAL, attrs: ['type="text/plain"'] }),
      ]),
      expect: [],
    },
    {
      name: 'the loader ran in the top frame, the held copy is in a frame: the frame is still held',
      page: releasedPage({ heldScripts: [held({ frame: 'https://widgets.example.com/' })] }),
      expect: ['warning'],
    },
  ],
  'snippet.missing': [
    { name: 'the loader is held, not missing', page: heldPage(), expect: [] },
    {
      name: 'held before the end of the watch: not missing either',
      page: heldPage({ watchEnded: false }),
      expect: [],
    },
    { name: 'asked to check a held page', page: heldPage({ expectPartnero: true }), expect: [] },
  ],
  'cookie.missing-after-referral': [
    {
      name: 'referred, loader held: nested under it',
      page: heldPage(),
      expect: ['error'],
      causedBy: 'snippet.delayed',
    },
    {
      name: 'referred, held loader released but no cookie: its own root',
      page: releasedPage(),
      expect: ['error'],
    },
  ],
  'po.undefined': [
    {
      name: 'the confirmation page calls po while the loader is held',
      page: heldPage({
        errors: [{ kind: 'po-undefined', name: 'po', message: 'po is not defined', at: 1, frame: 'top' }],
      }),
      expect: ['error'],
      causedBy: 'snippet.delayed',
    },
  ],
  'snippet.queue-stuck': [
    {
      name: 'the queue stub ran, the universal.js script is held: the queue waits because of it',
      page: page({
        url: REFERRED_URL,
        scripts: [],
        requests: [],
        queue: { pending: 2, processed: false },
        heldScripts: [held({ src: UNIVERSAL, attrs: ['type="text/plain"'] })],
      }),
      expect: ['error'],
      causedBy: 'snippet.delayed',
    },
  ],
  'link.missing-client-reference-id': [
    {
      name: 'an unverified link while the loader is held',
      page: heldPage({ links: [link()] }),
      expect: ['info'],
      causedBy: 'snippet.delayed',
    },
    {
      name: 'an optimizer holds the helper with the loader: a test click could not run it',
      page: heldPage({ cookie: cookie(), links: [link({ afterClick: null, clickedBy: 'test' })] }, [
        held({ mechanism: 'wp-rocket', attrs: ['type="rocketlazyloadscript"'] }),
      ]),
      expect: ['error'],
      causedBy: 'snippet.delayed',
    },
    {
      name: 'an optimizer holds a frame, not the page the link is in',
      page: heldPage({ cookie: cookie(), links: [link({ afterClick: null, clickedBy: 'test' })] }, [
        held({
          frame: 'https://w.example.com/',
          mechanism: 'wp-rocket',
          attrs: ['type="rocketlazyloadscript"'],
        }),
      ]),
      expect: ['error'],
    },
    {
      name: 'a link a click showed without id is its own problem',
      page: heldPage({ links: [link({ afterClick: null, clickedBy: 'test' })] }),
      expect: ['error'],
    },
  ],
});

describe('snippet.delayed in the whole report', () => {
  it('a referred visit with the loader held: one root, the lost cookie under it', () => {
    expect(counts(heldPage())).toEqual({
      'snippet.delayed:warning': 1,
      'cookie.missing-after-referral:error <- snippet.delayed': 1,
    });
  });

  it('the held loader alone is evidence enough for the extension to report', () => {
    expect(counts(heldPage({ url: 'https://shop.example.com/' }))).toEqual({
      'snippet.delayed:warning': 1,
      'cookie.absent:info': 1,
    });
  });

  it('consent given: a correct page stays clean', () => {
    expect(counts(releasedPage({ cookie: cookie() }))).toEqual({});
  });

  it('the checklist says the loader is held back, not that it is missing', () => {
    const state = heldPage();
    const loader = checklist(state, run(state)).find((row) => row.id === 'loader');
    expect([loader?.status, loader?.detail]).toEqual(['warning', 'held back, not run']);
  });
});
