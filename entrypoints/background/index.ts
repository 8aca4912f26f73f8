import { type Browser, browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isStripeCheckout } from '../../src/detect/stripe';
import type {
  ActivityAnswer,
  AutomationRequest,
  ObservedResponse,
  TabSnapshot,
  ToBackground,
} from '../../src/protocol/messages';
import { fitAnswer } from '../../src/store/budget';
import { firstDelivery } from '../../src/store/delivered';
import { adoptEntry, entries } from '../../src/store/entry';
import { mergeObservedResponses } from '../../src/store/observed';
import { unfileRestoredPage } from '../../src/store/page';
import { applyEvents } from '../../src/store/reducer';
import { SETTINGS_KEY, type Settings, settingsFrom } from '../../src/store/settings';
import { type Asked, activityOf, QuietClock, settlesIn } from '../../src/watch/settle';

import { answerSealed } from './automation';
import { updateBadge } from './badge';
import { departedSince, forgetDeparted, rememberDeparted } from './departed';
import { watchEntries } from './entry';
import {
  finishPage,
  inspectOnOpen,
  refreshCookieDetails,
  reveal,
  runClickTest,
  watchCookies,
} from './finish';
import {
  forgetIdentity,
  onReportApplied,
  onTopBeforeNavigate,
  onTopBridge,
  onTopCommitted,
} from './lifecycle';
import { watchNetwork } from './network';
import { dropTab, onPageLeft, onTabChanged, readSaved, readTab, updateTab } from './store';
import { hasViews, watchViews } from './views';

/** How long each tab's record has looked the same (the end of watch asks). */
const quiet = new QuietClock();

/** Wires browser events to the store; all logic lives in src/ and the modules beside this file. */
export default defineBackground(() => {
  onTabChanged(updateBadge);
  onPageLeft(rememberDeparted);
  watchViews((tabId) => void inspectOnOpen(tabId));
  watchNetwork();
  watchEntries();
  watchCookies();

  browser.webNavigation.onBeforeNavigate.addListener((d) => {
    if (d.frameId === 0 && !isStripeCheckout(d.url)) onTopBeforeNavigate(d.tabId, d.timeStamp);
  });
  browser.webNavigation.onCommitted.addListener((d) => {
    if (d.frameId !== 0) return;
    void updateTab(d.tabId, (tab) => {
      const reset = onTopCommitted(d.tabId, tab, d.url, d.timeStamp);
      return entries.commit(d.tabId, tab.page, d.url, d.transitionQualifiers ?? []) || reset;
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    dropTab(tabId);
    quiet.forget(tabId);
    forgetIdentity(tabId);
    forgetDeparted(tabId);
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const msg = raw as ToBackground;
    const tabId = sender.tab?.id;
    switch (msg?.type) {
      case 'page-events':
        // Stripe's own checkout page (any frame) is not the merchant's: its events are dropped
        // (answered all the same, or its bridge would send them again). The manifest keeps the
        // bridge out of Stripe's pages (wxt.config.ts); this stays for a build that does not.
        if (tabId === undefined || isStripeCheckout(sender.url ?? '')) return Promise.resolve(false);
        return pageEvents(tabId, msg, sender).then(() => true);
      case 'watch-end':
        if (tabId === undefined || sender.frameId !== 0) return undefined;
        return endWatch(tabId, sender.url, msg);
      case 'automation':
        if (tabId === undefined) return undefined;
        return answerSealed(msg.sealed, (request) => automation(tabId, request));
      case 'get-state':
        return snapshot(msg.tabId);
      case 'click-test':
        return runClickTest(msg.tabId, msg.linkId).then(() => snapshot(msg.tabId));
      case 'reveal':
        return reveal(msg.tabId, msg.linkId);
      case 'site-opt-in':
        return setSiteOptIn(msg.origin, msg.enabled);
      case 'response-bodies':
        return attachBodies(msg.tabId, msg.bodies);
      default:
        return undefined;
    }
  });
});

/** One frame's report: a top frame first proves it is the tab's current document. */
function pageEvents(
  tabId: number,
  msg: Extract<ToBackground, { type: 'page-events' }>,
  sender: Browser.runtime.MessageSender,
): Promise<boolean> {
  return updateTab(tabId, async (tab) => {
    // Sent again because its answer was lost (the worker stopped): applied already.
    if (!firstDelivery(tab, msg.frame, msg.timeOrigin, msg.seq)) return false;
    const top = sender.frameId === 0;
    const restored = msg.restored === true;
    const url = msg.url ?? sender.url ?? tab.page.url;
    if (top && !onTopBridge(tabId, tab, url, msg.timeOrigin, restored)) return false;
    const hadCookie = tab.page.cookie?.raw;
    const frame = { frame: top ? 'top' : msg.frame, timeOrigin: msg.timeOrigin };
    // Where webRequest reports Partnero requests, the page's own account of them is not needed.
    const events = browser.webRequest ? msg.events.filter((e) => e.t !== 'request') : msg.events;
    const changed = applyEvents(tab, frame, events);
    onReportApplied(tabId, tab, top, frame, events);
    if (top && restored) unfileRestoredPage(tab);
    if (tab.page.cookie && tab.page.cookie.raw !== hadCookie) await refreshCookieDetails(tab.page, tabId);
    return changed;
  });
}

/** The tab's state as sent (within ANSWER_BYTES); `since`: with the pages it left since then. */
async function snapshot(tabId: number, since?: number): Promise<TabSnapshot> {
  const tab = await readTab(tabId);
  const left = since === undefined ? undefined : departedSince(tabId, since);
  return fitAnswer({ tabId, ...tab, ...(left && { left }) });
}

/**
 * The top frame's bridge says the watch may end: it does when the grace period is over
 * (`domQuiet` undefined), or when the page has settled. Answers true when it ended; else how
 * long the page must stay as it is to settle (the bridge asks again then), or false while
 * something with no known end holds it.
 */
async function endWatch(
  tabId: number,
  url: string | undefined,
  { domQuiet, loading }: { domQuiet?: number; loading?: number },
): Promise<boolean | number> {
  if (domQuiet !== undefined) {
    const { settled, settlesIn } = await activity(tabId, { domQuiet, loading });
    if (!settled) return settlesIn ?? false;
  }
  const clickTest = await siteOptedIn(url);
  await finishPage(tabId, { clickTest, inspected: hasViews(tabId) });
  return true;
}

/** Whether the tab's page has settled; what the asker measured of the page comes with it. */
async function activity(tabId: number, asked: Asked): Promise<ActivityAnswer> {
  const { page } = await readTab(tabId);
  const at = Date.now();
  const now = activityOf(page, quiet.quietFor(tabId, page, at), asked, at);
  const wait = settlesIn(now);
  return { settled: wait === 0, settlesIn: wait, activity: now };
}

async function automation(tabId: number, req: AutomationRequest): Promise<TabSnapshot | ActivityAnswer> {
  if (req.op === 'saved') {
    const saved = await readSaved(tabId);
    if (!saved) throw new Error('nothing saved for this tab');
    return { tabId, ...saved };
  }
  if (req.op === 'activity') {
    if (req.bodies?.length) await attachBodies(tabId, req.bodies);
    return activity(tabId, req);
  }
  if (req.op === 'finish') {
    if (req.bodies) await attachBodies(tabId, req.bodies);
    if (req.entry) await updateTab(tabId, (tab) => adoptEntry(tab.page, req.entry));
    await finishPage(tabId, { clickTest: req.clickTest, expectPartnero: req.expectPartnero });
    return snapshot(tabId, req.since);
  }
  return snapshot(tabId);
}

/** Bodies (and statuses webRequest missed) come from DevTools or the CLI's browser driver. */
function attachBodies(tabId: number, observed: ObservedResponse[]): Promise<boolean> {
  return updateTab(tabId, (tab) => mergeObservedResponses(tab.page, observed));
}

async function settings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return settingsFrom(got);
}

async function siteOptedIn(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  const origin = new URL(url).origin;
  return (await settings()).clickTestOrigins.includes(origin);
}

async function setSiteOptIn(origin: string, enabled: boolean): Promise<Settings> {
  const s = await settings();
  const rest = s.clickTestOrigins.filter((o) => o !== origin);
  const next = { ...s, clickTestOrigins: enabled ? [...rest, origin] : rest };
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}
