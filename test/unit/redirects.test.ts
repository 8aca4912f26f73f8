/**
 * How a tab reached its page, through the background's real listeners: webRequest's
 * top-frame requests and redirects (entrypoints/background/entry.ts), the page reset
 * (lifecycle.ts) and the commit's transition qualifiers (src/store/entry.ts). The page keeps
 * the URL the tab was asked to open and each hop, so `referral.param-dropped` can judge it.
 */
import { describe, expect, it, vi } from 'vitest';
import { onTopBridge, onTopCommitted } from '../../entrypoints/background/lifecycle';
import type { TabState } from '../../src/model/types';
import { runRules } from '../../src/rules';
import { entries, REDIRECTS_CAP } from '../../src/store/entry';
import { newTab } from '../../src/store/page';
import { ASKED, EN, ORIGIN, T0 } from './locale-urls';
import { tabId, withLoaderWatched } from './tabs';

type Listener = (details: Record<string, unknown>) => void;
const listeners = vi.hoisted(() => new Map<string, (details: Record<string, unknown>) => void>());

vi.mock('wxt/browser', () => {
  const event = (name: string) => ({ addListener: (fn: Listener) => listeners.set(name, fn) });
  return {
    browser: { webRequest: { onBeforeRequest: event('request'), onBeforeRedirect: event('redirect') } },
  };
});

const { watchEntries } = await import('../../entrypoints/background/entry');
watchEntries();

let nextRequest = 1;
/** A top-frame navigation: its first request and the redirects, as webRequest reports them. */
function navigate(tab: number, url: string, hops: [number, string][] = []): void {
  const requestId = String(nextRequest++);
  listeners.get('request')?.({ tabId: tab, requestId, url, type: 'main_frame' });
  let from = url;
  for (const [statusCode, to] of hops) {
    listeners.get('redirect')?.({ tabId: tab, requestId, url: from, redirectUrl: to, statusCode });
    listeners.get('request')?.({ tabId: tab, requestId, url: to, type: 'main_frame' });
    from = to;
  }
}

/** The committed page with what webNavigation says of the transition. */
function commit(id: number, tab: TabState, url: string, at: number, qualifiers: string[] = []): void {
  onTopCommitted(id, tab, url, at);
  entries.commit(id, tab.page, url, qualifiers);
}

describe('server redirects', () => {
  it('a 301 that drops ?aff: the page keeps the asked URL and the hop', () => {
    const id = tabId();
    const tab = newTab('', T0);
    navigate(id, ASKED, [[301, EN]]);
    commit(id, tab, EN, T0 + 100, ['server_redirect']);
    expect(tab.page.entry).toEqual({
      asked: ASKED,
      redirects: [{ kind: 'server', status: 301, from: ASKED, to: EN }],
    });
  });

  it("the new document's bridge may reset the page before the commit: same entry", () => {
    const id = tabId();
    const tab = newTab(`${ORIGIN}/start.html`, T0);
    navigate(id, ASKED, [
      [302, `${ORIGIN}/locale-redirect/en`],
      [308, EN],
    ]);
    onTopBridge(id, tab, EN, T0 + 90);
    commit(id, tab, EN, T0 + 100, ['server_redirect']);
    expect(tab.page.entry?.redirects.map((r) => r.status)).toEqual([302, 308]);
    expect(tab.page.entry?.asked).toBe(ASKED);
  });

  it('a navigation without redirects records nothing; nor does one that ended elsewhere', () => {
    const id = tabId();
    const tab = newTab('', T0);
    navigate(id, `${ORIGIN}/payment-links-ok.html?aff=TEST`);
    commit(id, tab, `${ORIGIN}/payment-links-ok.html?aff=TEST`, T0 + 100);
    expect(tab.page.entry).toBeUndefined();
    // A redirect chain that never committed (a download, a 204) is not the next page's.
    navigate(id, ASKED, [[301, EN]]);
    commit(id, tab, `${ORIGIN}/other.html`, T0 + 200);
    expect(tab.page.entry).toBeUndefined();
  });

  it('a redirect loop is capped', () => {
    const id = tabId();
    const tab = newTab('', T0);
    const hops = Array.from({ length: 30 }, (_, i) => [302, `${ORIGIN}/loop/${i}`] as [number, string]);
    navigate(id, ASKED, hops);
    commit(id, tab, `${ORIGIN}/loop/29`, T0 + 100);
    // The chain's end was cut off: it cannot be matched to the page, so nothing is claimed.
    expect(tab.page.entry).toBeUndefined();
    navigate(id, ASKED, hops.slice(0, REDIRECTS_CAP));
    commit(id, tab, `${ORIGIN}/loop/${REDIRECTS_CAP - 1}`, T0 + 200);
    expect(tab.page.entry?.redirects).toHaveLength(REDIRECTS_CAP);
  });

  it('the rules see the drop on the page the redirect led to', () => {
    const id = tabId();
    const tab = newTab('', T0);
    navigate(id, ASKED, [[301, EN]]);
    commit(id, tab, EN, T0 + 100, ['server_redirect']);
    withLoaderWatched(tab);
    expect(runRules(tab).map((f) => [f.rule, f.message])).toEqual([
      [
        'referral.param-dropped',
        "The partner link's ?aff=TEST was dropped by a server redirect (301 /locale-redirect/?aff=TEST → /locale-redirect/en/): universal.js never saw it, so this referral is lost.",
      ],
    ]);
  });
});

describe('client redirects (meta refresh, script)', () => {
  it('the page left is the asked URL when the commit says client_redirect', () => {
    const id = tabId();
    const tab = newTab('', T0);
    navigate(id, ASKED);
    commit(id, tab, ASKED, T0 + 100);
    navigate(id, EN);
    commit(id, tab, EN, T0 + 900, ['client_redirect']);
    expect(tab.page.entry).toEqual({ asked: ASKED, redirects: [{ kind: 'client', from: ASKED, to: EN }] });
  });

  it('chains: a 301 to a page whose meta refresh leads on, then a 302', () => {
    const id = tabId();
    const tab = newTab('', T0);
    const mid = `${ORIGIN}/go/?aff=TEST`;
    navigate(id, ASKED, [[301, mid]]);
    commit(id, tab, mid, T0 + 100, ['server_redirect']);
    navigate(id, `${ORIGIN}/en`, [[302, EN]]);
    onTopBridge(id, tab, EN, T0 + 880);
    commit(id, tab, EN, T0 + 900, ['client_redirect', 'server_redirect']);
    expect(tab.page.entry).toEqual({
      asked: ASKED,
      redirects: [
        { kind: 'server', status: 301, from: ASKED, to: mid },
        { kind: 'client', from: mid, to: `${ORIGIN}/en` },
        { kind: 'server', status: 302, from: `${ORIGIN}/en`, to: EN },
      ],
    });
  });

  it('a link the visitor followed is no redirect; nor is a reload', () => {
    const id = tabId();
    const tab = newTab('', T0);
    navigate(id, ASKED);
    commit(id, tab, ASKED, T0 + 100);
    navigate(id, EN);
    commit(id, tab, EN, T0 + 900, []);
    expect(tab.page.entry).toBeUndefined();
    navigate(id, EN);
    commit(id, tab, EN, T0 + 1900, ['client_redirect']);
    expect(tab.page.entry).toBeUndefined();
  });
});

describe('a worker that hears the redirect after the page started', () => {
  it('the page gets its way in when the redirect arrives late; another page does not', async () => {
    const { EntryTracker } = await import('../../src/store/entry');
    const tracker = new EntryTracker();
    const other = newTab(`${ORIGIN}/start.html`, T0).page;
    const page = newTab(EN, T0).page;
    tracker.request(7, 'r1', ASKED);
    tracker.redirect(7, 'r1', 301, ASKED, EN);
    expect(tracker.attachLate(7, other)).toBe(false);
    expect(other.entry).toBeUndefined();
    expect(tracker.attachLate(7, page)).toBe(true);
    expect(page.entry).toEqual({
      asked: ASKED,
      redirects: [{ kind: 'server', status: 301, from: ASKED, to: EN }],
    });
    // Once given, the chain is not given again.
    expect(tracker.attachLate(7, newTab(EN, T0).page)).toBe(false);
  });
});

describe('a redirect hop reported under a new request id', () => {
  it('keeps the chain when the next request is for the URL the redirect pointed at', async () => {
    const { EntryTracker } = await import('../../src/store/entry');
    const tracker = new EntryTracker();
    tracker.request(8, 'r1', ASKED);
    tracker.redirect(8, 'r1', 301, ASKED, EN);
    tracker.request(8, 'r2', EN);
    const page = newTab(EN, T0).page;
    tracker.enter(8, newTab('', T0).page, page);
    expect(page.entry).toEqual({
      asked: ASKED,
      redirects: [{ kind: 'server', status: 301, from: ASKED, to: EN }],
    });
  });

  it('a request for another URL is a new navigation', async () => {
    const { EntryTracker } = await import('../../src/store/entry');
    const tracker = new EntryTracker();
    tracker.request(9, 'r1', ASKED);
    tracker.redirect(9, 'r1', 301, ASKED, EN);
    tracker.request(9, 'r2', `${ORIGIN}/other.html`);
    const page = newTab(EN, T0).page;
    tracker.enter(9, newTab('', T0).page, page);
    expect(page.entry).toBeUndefined();
  });
});

describe("another document's late commit", () => {
  it("a fresh tab's about:blank committed after the navigation's redirect does not take its chain", async () => {
    const { EntryTracker } = await import('../../src/store/entry');
    const tracker = new EntryTracker();
    tracker.request(10, 'r1', ASKED);
    tracker.redirect(10, 'r1', 301, ASKED, EN);
    const blank = newTab('about:blank', T0).page;
    tracker.enter(10, newTab('', T0).page, blank);
    expect(blank.entry).toBeUndefined();
    const page = newTab(EN, T0).page;
    tracker.enter(10, blank, page);
    expect(page.entry).toEqual({
      asked: ASKED,
      redirects: [{ kind: 'server', status: 301, from: ASKED, to: EN }],
    });
  });
});

describe("the driver's view of the navigation (the CLI)", () => {
  it("fills in a chain webRequest did not report, only for the page it ended at, never over webRequest's", async () => {
    const { adoptEntry } = await import('../../src/store/entry');
    const chain = {
      asked: ASKED,
      redirects: [{ kind: 'server' as const, status: 301, from: ASKED, to: EN }],
    };
    const other = newTab(`${ORIGIN}/other.html`, T0).page;
    expect(adoptEntry(other, chain)).toBe(false);
    expect(other.entry).toBeUndefined();
    const page = newTab(EN, T0).page;
    expect(adoptEntry(page, chain)).toBe(true);
    expect(page.entry).toEqual(chain);
    const seen = newTab(EN, T0).page;
    seen.entry = { asked: ASKED, redirects: [{ kind: 'server', status: 302, from: ASKED, to: EN }] };
    expect(adoptEntry(seen, chain)).toBe(false);
    expect(seen.entry.redirects[0]?.status).toBe(302);
    expect(adoptEntry(newTab(EN, T0).page, { asked: EN, redirects: [] })).toBe(false);
  });
});
