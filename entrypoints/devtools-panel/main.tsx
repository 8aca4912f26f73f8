/**
 * The panel page: wires the inspected tab, the DevTools theme and navigation, and the
 * panel's actions to browser APIs. Outside DevTools (tests, screenshots) `?tab=ID` names the
 * tab and `?theme=dark|light` the theme.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Panel } from '../../src/components/panel/panel';
import type { SnapshotSource } from '../../src/components/panel/use-panel-state';
import type { PanelActions } from '../../src/components/panel/view-context';
import { browserLabel } from '../../src/panel/export';
import { type TabSnapshot, type ToBackground, VIEW_PORT } from '../../src/protocol/messages';
import './style.css';

/** Absent when the page is opened outside DevTools. */
const devtools = (browser as { devtools?: typeof browser.devtools }).devtools;
/** Firefox tells theme changes with an event, Chrome with a handler. */
const panels = devtools?.panels as
  | {
      onThemeChanged?: { addListener(fn: (theme: string) => void): void };
      setThemeChangeHandler?(fn: (theme: string) => void): void;
    }
  | undefined;
const params = new URLSearchParams(location.search);
const PRESERVE_KEY = 'partnero-inspector:panel-preserve';

function inspectedTabId(): number | null {
  if (devtools) return devtools.inspectedWindow.tabId;
  const id = Number(params.get('tab'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** DevTools says `default` (Chrome) or `light` for the light theme; without DevTools the OS decides. */
function applyTheme(name: string | null | undefined): void {
  const dark = name ? name === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

const send = (msg: ToBackground) => browser.runtime.sendMessage(msg);

/**
 * Every snapshot the background posts on the tab's `view:` port, in order. Page boundaries
 * (for preserve log) come from the snapshots themselves, so the panel also works outside
 * DevTools; a state fetched on `devtools.network.onNavigated` would race the port.
 */
function tabSource(tabId: number): SnapshotSource {
  return (listener) => {
    const port = browser.runtime.connect({ name: `${VIEW_PORT}${tabId}` });
    port.onMessage.addListener((m: unknown) => listener(m as TabSnapshot));
    return () => port.disconnect();
  };
}

/**
 * Opens `url` in the inspected tab. Chrome's DevTools pages have the tabs API; Firefox's have
 * only the content-script subset, so the page is sent there by DevTools' own evaluation.
 */
function openInTab(tabId: number, url: string): void {
  if (browser.tabs?.update) void browser.tabs.update(tabId, { url });
  else void devtools?.inspectedWindow.eval(`location.assign(${JSON.stringify(url)})`);
}

const tabId = inspectedTabId();
const actions: PanelActions = {
  reveal: (linkId) => tabId !== null && void send({ type: 'reveal', tabId, linkId }),
  clickTest: (linkId) => tabId !== null && void send({ type: 'click-test', tabId, linkId }),
  ...(tabId !== null && {
    testLinks: () => send({ type: 'click-test', tabId }),
    openUrl: (url: string) => openInTab(tabId, url),
  }),
};

applyTheme(devtools?.panels.themeName ?? params.get('theme'));
if (panels?.onThemeChanged) panels.onThemeChanged.addListener(applyTheme);
else panels?.setThemeChangeHandler?.(applyTheme);

render(
  <Panel
    source={tabId === null ? null : tabSource(tabId)}
    meta={{ version: browser.runtime.getManifest().version, browser: browserLabel(navigator.userAgent) }}
    actions={actions}
    initialPreserve={localStorage.getItem(PRESERVE_KEY) === '1'}
    onPreserveChange={(on) => localStorage.setItem(PRESERVE_KEY, on ? '1' : '0')}
  />,
  document.getElementById('app') as HTMLElement,
);
