/**
 * Per-tab state: an in-memory cache written through to `storage.session`, so a restarted
 * service worker picks up where it stopped, and dropped when the tab closes. Updates to one
 * tab run one after another (a chain of promises), so async steps never interleave.
 */
import { browser } from 'wxt/browser';
import type { TabState } from '../../src/model/types';
import { runRules } from '../../src/rules';
import { type SavedTab, saveTab } from '../../src/store/budget';
import { newTab } from '../../src/store/page';

const key = (tabId: number) => `tab:${tabId}`;
const tabs = new Map<number, TabState>();
const chains = new Map<number, Promise<unknown>>();
const saveTimers = new Map<number, ReturnType<typeof setTimeout>>();
const listeners = new Set<(tabId: number, tab: TabState) => void>();
const leftListeners = new Set<(tabId: number, tab: TabState) => void>();
/** Tabs that closed: an update still queued for one must not bring it back (ids are never reused). */
const closed = new Set<number>();
/** Tabs whose findings are stale, with the timer that will recompute them. */
const dirty = new Map<number, ReturnType<typeof setTimeout>>();
/**
 * Rules run at most this often per tab while a page loads: on a 2-core machine the worker
 * competes with the page for CPU, so a burst of events costs one evaluation, not dozens.
 */
const RECOMPUTE_MS = 150;

async function load(tabId: number): Promise<TabState> {
  const cached = tabs.get(tabId);
  if (cached) return cached;
  if (closed.has(tabId)) return newTab();
  const { stale, ...tab }: SavedTab = (await readSaved(tabId)) ?? newTab();
  tabs.set(tabId, tab);
  // Saved before its findings were: the first read computes them.
  if (stale)
    dirty.set(
      tabId,
      setTimeout(() => void updateTab(tabId, () => false as const), 0),
    );
  return tab;
}

/**
 * Saves the tab now. A change is saved before its update resolves, so the bridge's message is
 * answered only once the state would survive the worker stopping (it may stop any moment).
 */
function save(tabId: number, stale: boolean): Promise<void> {
  clearTimeout(saveTimers.get(tabId));
  saveTimers.delete(tabId);
  const tab = tabs.get(tabId);
  if (!tab || closed.has(tabId)) return Promise.resolve();
  const saved: SavedTab = stale ? { ...tab, stale: true } : tab;
  // Within the tab's byte budget; a full quota gets a harder-trimmed copy (see saveTab).
  return saveTab(browser.storage.session, key(tabId), saved).then(
    () => undefined,
    () => undefined,
  );
}

/** Per tab: the save being written, and the one that follows it for changes made meanwhile. */
const writing = new Map<number, { now: Promise<void>; next?: Promise<void> }>();

/**
 * Saves a change, resolving once it is written. Changes made while a save is being written
 * share the one save that follows it: 200 frames reporting at once cost a few writes of the
 * tab, not 200, and each still resolves only once its change would survive the worker.
 */
function saveChange(tabId: number): Promise<void> {
  const current = writing.get(tabId);
  if (current?.next) return current.next;
  const start = (): Promise<void> => {
    const entry: { now: Promise<void>; next?: Promise<void> } = { now: save(tabId, true) };
    writing.set(tabId, entry);
    void entry.now.then(() => {
      if (writing.get(tabId) === entry && !entry.next) writing.delete(tabId);
    });
    return entry.now;
  };
  if (!current) return start();
  current.next = current.now.then(start);
  return current.next;
}

/** The tab's saved copy, as a restarted worker would find it (null: none). */
export async function readSaved(tabId: number): Promise<SavedTab | null> {
  const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)] as SavedTab | undefined;
  return stored ?? null;
}

/** Saves the recomputed findings soon: they can always be computed again from the state. */
function persist(tabId: number): void {
  clearTimeout(saveTimers.get(tabId));
  saveTimers.set(
    tabId,
    setTimeout(() => void save(tabId, false), 250),
  );
}

/**
 * Runs `mutate` on the tab's state in order with other updates. When it changed something
 * (did not return false) the findings are recomputed soon (debounced), then the state is
 * saved and every listener (badge, views) told. A mutate returning false flushes a pending
 * recompute at once: that is how readers get up-to-date findings.
 */
export function updateTab<T>(tabId: number, mutate: (tab: TabState) => T | Promise<T>): Promise<T> {
  let saved: Promise<void> | undefined;
  const run = (chains.get(tabId) ?? Promise.resolve()).then(async () => {
    const tab = await load(tabId);
    // A closed tab's late message (its pagehide flush) is answered, but nothing is kept.
    if (closed.has(tabId)) return mutate(tab);
    const before = { page: tab.page, history: tab.history, findings: tab.findings };
    const result = await mutate(tab);
    if (tab.page !== before.page) left(tabId, before);
    // The next update need not wait for the write; this one resolves only after it.
    if (result !== false) saved = saveChange(tabId);
    if (result !== false && !dirty.has(tabId)) {
      dirty.set(
        tabId,
        setTimeout(() => void updateTab(tabId, () => false as const), RECOMPUTE_MS),
      );
    }
    if (dirty.has(tabId) && result === false) recompute(tabId, tab);
    return result;
  });
  chains.set(
    tabId,
    run.catch(() => undefined),
  );
  const done = run.then(async (result) => {
    await saved;
    return result;
  });
  // As `run` is (its chain holds a handler): a caller that does not wait gets no unhandled rejection.
  done.catch(() => undefined);
  return done;
}

/**
 * The mutation started a new page: the old page's last events still get their verdict, views
 * get that final state before the new page's, and page-left listeners the page as it ended.
 */
function left(tabId: number, before: TabState): void {
  const stale = dirty.has(tabId);
  clearTimeout(dirty.get(tabId));
  dirty.delete(tabId);
  const last: TabState = stale ? { ...before, findings: runRules(before) } : before;
  if (stale) for (const fn of listeners) fn(tabId, last);
  for (const fn of leftListeners) fn(tabId, last);
}

function recompute(tabId: number, tab: TabState): void {
  clearTimeout(dirty.get(tabId));
  dirty.delete(tabId);
  tab.findings = runRules({ page: tab.page, history: tab.history });
  persist(tabId);
  for (const fn of listeners) fn(tabId, tab);
}

/** Current state of a tab, findings up to date (after pending updates). */
export function readTab(tabId: number): Promise<TabState> {
  return updateTab(tabId, () => false as const).then(() => load(tabId));
}

/** Ids of the tabs this worker holds in memory. */
export function cachedTabIds(): number[] {
  return [...tabs.keys()];
}

export function onTabChanged(fn: (tabId: number, tab: TabState) => void): void {
  listeners.add(fn);
}

/** Calls `fn` with a tab's page as it was when the tab left it for another (with findings). */
export function onPageLeft(fn: (tabId: number, tab: TabState) => void): void {
  leftListeners.add(fn);
}

export function dropTab(tabId: number): void {
  closed.add(tabId);
  clearTimeout(dirty.get(tabId));
  dirty.delete(tabId);
  tabs.delete(tabId);
  chains.delete(tabId);
  writing.delete(tabId);
  clearTimeout(saveTimers.get(tabId));
  void browser.storage.session.remove(key(tabId)).catch(() => undefined);
}
