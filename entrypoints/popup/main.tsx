import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup, type TabInfo } from '../../src/components/popup/popup';
import { useTabSnapshot } from '../../src/components/shared/use-tab';
import { withReferral } from '../../src/detect/referral';
import { browserLabel } from '../../src/panel/export';
import { SETTINGS_KEY, settingsFrom } from '../../src/store/settings';
import './style.css';

/** `?tab=ID` lets tests (and a pinned popup window) show a tab other than the active one. */
async function targetTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function originOf(url: string): string | null {
  const u = URL.parse(url);
  return u && /^https?:$/.test(u.protocol) ? u.origin : null;
}

/** The tab's address as the browser has it, and whether the user lets the extension read that site. */
async function tabInfo(tabId: number): Promise<TabInfo> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  // Without the `tabs` permission a tab's address shows only where host access reaches;
  // webNavigation still tells the top frame's (a browser page, a store, a withheld site).
  const frame = tab?.url
    ? null
    : await browser.webNavigation.getFrame({ tabId, frameId: 0 }).catch(() => null);
  const url = tab?.url || frame?.url || '';
  const origin = originOf(url);
  const allowed = origin
    ? await browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => true)
    : true;
  return { url, allowed };
}

/** Follows the tab's address (a referred visit reloads it, the user navigates) while the popup is open. */
function useTabInfo(tabId: number | null): TabInfo | null {
  const [info, setInfo] = useState<TabInfo | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    const refresh = () => void tabInfo(tabId).then(setInfo);
    const onUpdated = (id: number, change: { url?: string; status?: string }) => {
      if (id === tabId && (change.url !== undefined || change.status === 'complete')) refresh();
    };
    refresh();
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => browser.tabs.onUpdated.removeListener(onUpdated);
  }, [tabId]);
  return info;
}

const META = { version: browser.runtime.getManifest().version, browser: browserLabel(navigator.userAgent) };
const DEVTOOLS_KEYS = /Mac/i.test(navigator.platform) ? '⌥⌘I' : 'F12';

function App() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [optedIn, setOptedIn] = useState(false);
  const snap = useTabSnapshot(tabId);
  const tab = useTabInfo(tabId);
  const origin = originOf(tab?.url || snap?.page.url || '');
  useEffect(() => {
    void targetTabId().then(setTabId);
  }, []);
  useEffect(() => {
    if (!origin) return;
    void browser.storage.local.get(SETTINGS_KEY).then((got) => {
      setOptedIn(settingsFrom(got).clickTestOrigins.includes(origin));
    });
  }, [origin]);
  const actions = {
    testLinks: () => tabId !== null && void browser.runtime.sendMessage({ type: 'click-test', tabId }),
    simulateReferral: () => {
      const url = snap && withReferral(snap.page, 'TEST');
      if (tabId !== null && url) void browser.tabs.update(tabId, { url });
    },
    setSiteOptIn: (enabled: boolean) => {
      if (!origin) return;
      setOptedIn(enabled);
      void browser.runtime.sendMessage({ type: 'site-opt-in', origin, enabled });
    },
    // DevTools panels cannot be opened by an extension: the panel's page works in a tab too
    // (`?tab=` names the inspected tab), opened next to it.
    openPanel: () => {
      if (tabId === null) return;
      const url = `${browser.runtime.getURL('/devtools-panel.html')}?tab=${tabId}`;
      void browser.tabs.create({ url, openerTabId: tabId });
    },
    // The popup stays open and follows the reloaded page through its watch.
    reload: () => tabId !== null && void browser.tabs.reload(tabId),
    allowSite: () => {
      if (tabId === null || !origin) return;
      void browser.permissions.request({ origins: [`${origin}/*`] }).then((granted) => {
        if (granted) void browser.tabs.reload(tabId);
      });
    },
  };
  return (
    <Popup
      snap={snap}
      tab={tab}
      optedIn={optedIn}
      meta={META}
      devtoolsKeys={DEVTOOLS_KEYS}
      actions={actions}
    />
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
