/**
 * Per-tab state: an in-memory cache written through to `storage.session`, so a restarted
 * service worker picks up where it stopped, and dropped when the tab closes. Updates to one
 * tab run one after another (a chain of promises), so async steps never interleave.
 */
import { browser } from 'wxt/browser';
import type { TabState } from '../../src/model/types';
import { runRules } from '../../src/rules';
import { newTab } from '../../src/store/page';

const key = (tabId: number) => `tab:${tabId}`;
const tabs = new Map<number, TabState>();
const chains = new Map<number, Promise<unknown>>();
const saveTimers = new Map<number, ReturnType<typeof setTimeout>>();
const listeners = new Set<(tabId: number, tab: TabState) => void>();

async function load(tabId: number): Promise<TabState> {
  const cached = tabs.get(tabId);
  if (cached) return cached;
  const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)] as TabState | undefined;
  const tab = stored ?? newTab();
  tabs.set(tabId, tab);
  return tab;
}

function persist(tabId: number): void {
  clearTimeout(saveTimers.get(tabId));
  saveTimers.set(
    tabId,
    setTimeout(() => {
      saveTimers.delete(tabId);
      const tab = tabs.get(tabId);
      if (tab) void browser.storage.session.set({ [key(tabId)]: tab }).catch(() => undefined);
    }, 250),
  );
}

/**
 * Runs `mutate` on the tab's state in order with other updates; when it returns true the
 * findings are recomputed, the state saved and every listener (badge, views) told.
 */
export function updateTab<T>(tabId: number, mutate: (tab: TabState) => T | Promise<T>): Promise<T> {
  const run = (chains.get(tabId) ?? Promise.resolve()).then(async () => {
    const tab = await load(tabId);
    const result = await mutate(tab);
    if (result !== false) {
      tab.findings = runRules({ page: tab.page, history: tab.history });
      persist(tabId);
      for (const fn of listeners) fn(tabId, tab);
    }
    return result;
  });
  chains.set(
    tabId,
    run.catch(() => undefined),
  );
  return run;
}

/** Current state of a tab (after pending updates). */
export function readTab(tabId: number): Promise<TabState> {
  return updateTab(tabId, () => false as const).then(() => load(tabId));
}

export function onTabChanged(fn: (tabId: number, tab: TabState) => void): void {
  listeners.add(fn);
}

export function dropTab(tabId: number): void {
  tabs.delete(tabId);
  chains.delete(tabId);
  clearTimeout(saveTimers.get(tabId));
  void browser.storage.session.remove(key(tabId)).catch(() => undefined);
}
