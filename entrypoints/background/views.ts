/** Popup and panel follow one tab live through a port named `view:<tabId>`. */
import { type Browser, browser } from 'wxt/browser';
import type { TabState } from '../../src/model/types';
import { VIEW_PORT } from '../../src/protocol/messages';
import { onTabChanged, readTab } from './store';

const ports = new Map<number, Set<Browser.runtime.Port>>();
/** The newest state per tab waiting for the throttle, and its timer. */
const pending = new Map<number, { tab: TabState; timer: ReturnType<typeof setTimeout> }>();
const THROTTLE_MS = 100;

function flush(tabId: number): void {
  const p = pending.get(tabId);
  if (!p) return;
  clearTimeout(p.timer);
  pending.delete(tabId);
  for (const port of ports.get(tabId) ?? []) port.postMessage({ tabId, ...p.tab });
}

/** Whether a popup or panel follows the tab right now (the user is inspecting it). */
export function hasViews(tabId: number): boolean {
  return (ports.get(tabId)?.size ?? 0) > 0;
}

/** Serves views their tab's state; `onOpen` runs each time one starts following a tab. */
export function watchViews(onOpen: (tabId: number) => void): void {
  browser.runtime.onConnect.addListener((port) => {
    if (!port.name.startsWith(VIEW_PORT)) return;
    const tabId = Number(port.name.slice(VIEW_PORT.length));
    if (!Number.isInteger(tabId)) return;
    const set = ports.get(tabId) ?? new Set();
    set.add(port);
    ports.set(tabId, set);
    port.onDisconnect.addListener(() => set.delete(port));
    void readTab(tabId).then((tab) => port.postMessage({ tabId, ...tab }));
    onOpen(tabId);
  });
  onTabChanged((tabId, live) => {
    if (!ports.get(tabId)?.size) return;
    // A copy as of now: the store keeps changing the live state (the page, then its findings a
    // moment later), and a view must get each page with the findings computed for it.
    const tab = structuredClone(live);
    const waiting = pending.get(tabId);
    // A new page: the previous page's final state goes out now, so a journey's log never
    // loses the end of a page to the throttle.
    if (waiting && waiting.tab.page.startedAt !== tab.page.startedAt) flush(tabId);
    const timer = pending.get(tabId)?.timer ?? setTimeout(() => flush(tabId), THROTTLE_MS);
    pending.set(tabId, { tab, timer });
  });
}
