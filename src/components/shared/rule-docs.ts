/** Where a finding's *Learn more* link leads: its rule's section of the bundled rules page. */
import { browser } from 'wxt/browser';
import type { RuleId } from '../../model/types';

/** The rule catalog page (entrypoints/rules/), docs/rules.md rendered inside the extension. */
export const RULES_PAGE = '/rules.html';

/**
 * `chrome-extension://<id>/rules.html#<rule>` (or `moz-extension://…`); outside an extension
 * (unit tests) there is no runtime, and the page's path alone is returned.
 */
export function ruleDocsUrl(rule: RuleId): string {
  const page = browser?.runtime?.getURL ? browser.runtime.getURL(RULES_PAGE) : RULES_PAGE;
  return `${page}#${rule}`;
}
