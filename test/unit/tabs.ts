/**
 * Fresh tab ids for tests of the background's lifecycle, whose per-tab memory (identities,
 * left pages, held frames) lives in module state: each id is forgotten after its test.
 */
import { afterEach } from 'vitest';
import { forgetIdentity } from '../../entrypoints/background/lifecycle';
import type { TabState } from '../../src/model/types';

let nextTab = 1;
const used: number[] = [];

/** A tab id no earlier test used; forgotten again after this test. */
export function tabId(): number {
  used.push(nextTab);
  return nextTab++;
}

afterEach(() => {
  for (const id of used.splice(0)) forgetIdentity(id);
});

/** The tab's page ran the Partnero loader (universal.js, a program) and its watch is over. */
export function withLoaderWatched(tab: TabState): void {
  tab.page.loaderRuns.push({ at: 5, frame: 'top', queueName: 'po', inHead: true });
  tab.page.scripts.push({ src: 'https://app.partnero.com/js/universal.js?v1', frame: 'top', inHead: true });
  tab.page.calls.push({ args: ['program', 'QK3M2L9A', 'load'], at: 6, frame: 'top' });
  tab.page.watchEnded = true;
}
