/**
 * Which messages of each frame's document the tab has applied. A bridge resends a message until
 * the background answers it (src/bridge/courier.ts); when the worker stopped after applying and
 * saving one but before its answer went out, the message comes again, and applied twice it
 * would count a transaction twice. Kept in the tab's state, so it is saved with what it guards.
 */
import type { TabState } from '../model/types';

/** Frame documents remembered per tab (the most recent): a resend comes within seconds. */
export const DELIVERED_KEPT = 500;

/** A short, stable tag of a frame's label (its URL, up to 300 characters): FNV-1a, 32 bits. */
function tag(frame: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < frame.length; i++) h = Math.imul(h ^ frame.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * True the first time message `seq` of the document (`frame`, `timeOrigin`) is seen, and notes
 * it; false for one already applied. A bridge sends its messages one after another, each once
 * the one before was answered, so a document's numbers only grow. Messages without a number
 * (an older bridge) are always new.
 */
export function firstDelivery(tab: TabState, frame: string, timeOrigin: number, seq?: number): boolean {
  if (seq === undefined) return true;
  const key = `${timeOrigin}:${tag(frame)}`;
  const delivered = tab.delivered ?? {};
  const last = delivered[key];
  if (last !== undefined && seq <= last) return false;
  delete delivered[key];
  delivered[key] = seq;
  const keys = Object.keys(delivered);
  for (const old of keys.slice(0, Math.max(0, keys.length - DELIVERED_KEPT))) delete delivered[old];
  tab.delivered = delivered;
  return true;
}
