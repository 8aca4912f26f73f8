/** Follows one tab's state live through the background's `view:<tabId>` port. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type TabSnapshot, VIEW_PORT } from '../../protocol/messages';

export function useTabSnapshot(tabId: number | null): TabSnapshot | null {
  const [snap, setSnap] = useState<TabSnapshot | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    const port = browser.runtime.connect({ name: `${VIEW_PORT}${tabId}` });
    port.onMessage.addListener((m: unknown) => setSnap(m as TabSnapshot));
    return () => port.disconnect();
  }, [tabId]);
  return snap;
}
