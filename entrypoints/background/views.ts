/** Popup and panel follow one tab live through a port named `view:<tabId>`. */
import { type Browser, browser } from 'wxt/browser';
import { VIEW_PORT } from '../../src/protocol/messages';
import { onTabChanged, readTab } from './store';

const ports = new Map<number, Set<Browser.runtime.Port>>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();
const THROTTLE_MS = 100;

export function watchViews(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (!port.name.startsWith(VIEW_PORT)) return;
    const tabId = Number(port.name.slice(VIEW_PORT.length));
    if (!Number.isInteger(tabId)) return;
    const set = ports.get(tabId) ?? new Set();
    set.add(port);
    ports.set(tabId, set);
    port.onDisconnect.addListener(() => set.delete(port));
    void readTab(tabId).then((tab) => port.postMessage({ tabId, ...tab }));
  });
  onTabChanged((tabId, tab) => {
    if (!ports.get(tabId)?.size || timers.has(tabId)) return;
    timers.set(
      tabId,
      setTimeout(() => {
        timers.delete(tabId);
        for (const p of ports.get(tabId) ?? []) p.postMessage({ tabId, ...tab });
      }, THROTTLE_MS),
    );
  });
}
