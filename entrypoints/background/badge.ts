/** The toolbar badge: root errors in red, else root warnings in amber, else nothing. */
import { browser } from 'wxt/browser';
import type { TabState } from '../../src/model/types';
import { summarize } from '../../src/rules';

export function updateBadge(tabId: number, tab: TabState): void {
  const { errors, warnings } = summarize(tab.findings);
  const count = errors || warnings;
  const text = count ? (count > 99 ? '99+' : String(count)) : '';
  void browser.action.setBadgeText({ tabId, text }).catch(() => undefined);
  if (count)
    void browser.action
      .setBadgeBackgroundColor({ tabId, color: errors ? '#d93025' : '#f29900' })
      .catch(() => undefined);
}
