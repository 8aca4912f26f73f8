/**
 * Fresh tab ids for tests of the background's lifecycle, whose per-tab memory (identities,
 * left pages, held frames) lives in module state: each id is forgotten after its test.
 */
import { afterEach } from 'vitest';
import { forgetIdentity } from '../../entrypoints/background/lifecycle';

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
