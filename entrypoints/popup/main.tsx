import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup } from '../../src/components/popup/popup';
import { useTabSnapshot } from '../../src/components/shared/use-tab';
import { withReferral } from '../../src/detect/referral';
import { SETTINGS_KEY, settingsFrom } from '../../src/store/settings';
import './style.css';

/** `?tab=ID` lets tests (and a pinned popup window) show a tab other than the active one. */
async function targetTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function App() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [optedIn, setOptedIn] = useState(false);
  const snap = useTabSnapshot(tabId);
  const origin = snap ? originOf(snap.page.url) : null;
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
  };
  return <Popup snap={snap} optedIn={optedIn} actions={actions} />;
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.origin : null;
  } catch {
    return null;
  }
}

render(<App />, document.getElementById('app') as HTMLElement);
