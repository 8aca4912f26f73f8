/** Address moves by the top frame's own script (`history.replaceState`/`pushState`). */
import type { AddressChange, PageState } from '../model/types';
import type { BridgeEvent } from '../protocol/messages';
import { withoutHash } from '../rules/urls';

/** Moves kept per page: tidying the address happens early, a chatty router must not grow the state. */
export const ADDRESS_CHANGES_CAP = 20;

/**
 * Records one move reported by the top frame (`at`: ms since the page started) if it changed
 * the path or the query; a hash-only move cannot drop a parameter. Whether the loader had run
 * is read from the page's loader runs, on the same clock. Returns true when it was recorded.
 */
export function addAddressChange(
  page: PageState,
  e: Extract<BridgeEvent, { t: 'history' }>,
  at: number,
): boolean {
  if (withoutHash(e.from) === withoutHash(e.to)) return false;
  const list = page.addressChanges ?? [];
  // A document back from the back/forward cache replays what it had reported.
  if (list.some((c) => c.at === at && c.from === e.from && c.to === e.to)) return false;
  if (list.length >= ADDRESS_CHANGES_CAP) return false;
  const loader = page.loaderRuns.some((run) => run.frame === 'top' && run.at <= at);
  const change: AddressChange = { method: e.name, from: e.from, to: e.to, at, loader, cookie: e.cookie };
  page.addressChanges = [...list, change];
  return true;
}
