/**
 * The top frame's address moves by page script (`history.replaceState`/`pushState`), seen from
 * the isolated world without touching the page's `history`: the Navigation API's `navigate`
 * event tells each same-document move and its kind. Browsers without it (Firefox before 147)
 * compare the address at checkpoints instead (the loader's insertion, each resource loaded,
 * DOMContentLoaded, load): a move is reported when next noticed, its kind told by whether
 * `history.length` grew (pushState adds an entry, replaceState does not).
 */
import { readCookie } from '../detect/cookie';
import type { BridgeEvent } from '../protocol/messages';
import { cap } from './limits';

/** Moves reported per document: tidying the address happens early, a chatty router is not news. */
const MAX_MOVES = 20;

type Move = 'replaceState' | 'pushState';

interface NavigateEventLike extends Event {
  navigationType?: string;
  hashChange?: boolean;
  destination?: { url?: string; sameDocument?: boolean };
}

/**
 * Starts watching `win`; each move is emitted with whether the `partnero_partner` cookie
 * existed then. Returns a checkpoint to call when the loader runs (a no-op where the
 * Navigation API reports every move as it happens).
 */
export function watchAddress(win: Window, emit: (e: BridgeEvent) => void): () => void {
  const doc = win.document;
  let moves = 0;
  const report = (name: Move, from: string, to: string) => {
    if (from === to || moves >= MAX_MOVES) return;
    moves++;
    const cookie = !!readCookie(doc.cookie);
    emit({ t: 'history', name, from: cap(from), to: cap(to), at: win.performance.now(), cookie });
  };
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  if (nav) {
    nav.addEventListener('navigate', (event) => {
      const e = event as NavigateEventLike;
      const type = e.navigationType;
      const to = e.destination?.url;
      if (!e.destination?.sameDocument || e.hashChange || !to || (type !== 'push' && type !== 'replace'))
        return;
      const from = win.location.href;
      // The page's own navigate listeners come after ours and may cancel the move.
      queueMicrotask(
        () => e.defaultPrevented || report(type === 'push' ? 'pushState' : 'replaceState', from, to),
      );
    });
    return () => undefined;
  }
  let last = win.location.href;
  let entries = win.history.length;
  const checkpoint = () => {
    const now = win.location.href;
    if (now === last) return;
    report(win.history.length > entries ? 'pushState' : 'replaceState', last, now);
    last = now;
    entries = win.history.length;
  };
  doc.addEventListener('DOMContentLoaded', checkpoint);
  // Capture: `load` of each script, image… does not bubble, and never reaches `window`.
  doc.addEventListener('load', checkpoint, true);
  win.addEventListener('load', checkpoint);
  return checkpoint;
}
