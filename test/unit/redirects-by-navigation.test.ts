/**
 * How a tab reached its page where the extension has no webRequest (the Chromium build): the
 * navigation's first URL (webNavigation.onBeforeNavigate) and its commit's `server_redirect`
 * qualifier make one hop from the asked URL to the page, without a status. Through the
 * background's real listeners (entrypoints/background/entry.ts) and page reset (lifecycle.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { onTopBridge, onTopCommitted } from '../../entrypoints/background/lifecycle';
import type { TabState } from '../../src/model/types';
import { runRules } from '../../src/rules';
import { entries } from '../../src/store/entry';
import { newTab } from '../../src/store/page';
import { ASKED, EN, ORIGIN, T0 } from './locale-urls';
import { tabId, withLoaderWatched } from './tabs';

type Listener = (details: Record<string, unknown>) => void;
const listeners = vi.hoisted(() => new Map<string, (details: Record<string, unknown>) => void>());
/** The tabs the background's store holds in this test. */
const tabs = vi.hoisted(() => new Map<number, { page: unknown }>());

vi.mock('wxt/browser', () => {
  const event = (name: string) => ({ addListener: (fn: Listener) => listeners.set(name, fn) });
  return {
    browser: { webNavigation: { onBeforeNavigate: event('before'), onCommitted: event('committed') } },
  };
});
vi.mock('../../entrypoints/background/store', () => ({
  updateTab: async (id: number, change: (tab: TabState) => boolean) => {
    const tab = tabs.get(id);
    if (tab) change(tab as TabState);
  },
}));

const { watchEntries } = await import('../../entrypoints/background/entry');
watchEntries();

/** The browser's events for one top-frame navigation from `url` that commits `committed`. */
function navigate(
  id: number,
  tab: TabState,
  url: string,
  committed: string,
  qualifiers: string[],
  at: number,
) {
  listeners.get('before')?.({ tabId: id, frameId: 0, url });
  // The background's listeners in their order: entry.ts first, then the page reset (index.ts).
  listeners.get('committed')?.({ tabId: id, frameId: 0, url: committed, transitionQualifiers: qualifiers });
  onTopCommitted(id, tab, committed, at);
  entries.commit(id, tab.page, committed, qualifiers);
}

describe('redirects without webRequest', () => {
  it('a 301 that drops ?aff: one hop from the asked URL, no status, and the rule names it', async () => {
    const id = tabId();
    const tab = newTab('', T0);
    tabs.set(id, tab);
    navigate(id, tab, ASKED, EN, ['server_redirect'], T0 + 100);
    expect(tab.page.entry).toEqual({ asked: ASKED, redirects: [{ kind: 'server', from: ASKED, to: EN }] });
    withLoaderWatched(tab);
    expect(runRules(tab).map((f) => [f.rule, f.message])).toEqual([
      [
        'referral.param-dropped',
        "The partner link's ?aff=TEST was dropped by a server redirect (/locale-redirect/?aff=TEST → /locale-redirect/en/): universal.js never saw it, so this referral is lost.",
      ],
    ]);
  });

  it("the new document's bridge may reset the page before the commit: the hop joins it", async () => {
    const id = tabId();
    const tab = newTab(`${ORIGIN}/start.html`, T0);
    tabs.set(id, tab);
    listeners.get('before')?.({ tabId: id, frameId: 0, url: ASKED });
    onTopBridge(id, tab, EN, T0 + 90);
    listeners.get('committed')?.({
      tabId: id,
      frameId: 0,
      url: EN,
      transitionQualifiers: ['server_redirect'],
    });
    await Promise.resolve();
    expect(tab.page.entry?.redirects).toEqual([{ kind: 'server', from: ASKED, to: EN }]);
  });

  it('no server_redirect qualifier, the same URL, or a subframe: no hop', () => {
    for (const [url, committed, qualifiers, frameId] of [
      [ASKED, `${ORIGIN}/other.html`, [], 0],
      [ASKED, `${ASKED}#top`, ['server_redirect'], 0],
      [ASKED, EN, ['server_redirect'], 3],
    ] as const) {
      const id = tabId();
      const tab = newTab('', T0);
      tabs.set(id, tab);
      listeners.get('before')?.({ tabId: id, frameId, url });
      listeners.get('committed')?.({ tabId: id, frameId, url: committed, transitionQualifiers: qualifiers });
      onTopCommitted(id, tab, committed, T0 + 100);
      expect(tab.page.entry, `${url} → ${committed}`).toBeUndefined();
    }
  });
});
