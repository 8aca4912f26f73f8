/**
 * The top frame's end of watch in the extension: from SETTLE.minMs after `load` on, the
 * bridge asks the background whether the page has settled (the same notion as the check's,
 * src/watch/settle.ts), telling it how long the document has been quiet and how many scripts
 * inserted after load are still loading; the background ends the watch when it has. Until
 * then it answers how long the page needs to stay as it is to settle, and the bridge asks
 * again then (every ASK_MS while something with no known end holds it): on a page that
 * shows nothing, one or two messages instead of one every ASK_MS, on every page a user
 * opens. At the grace period's end the watch ends regardless.
 */
import type { ToBackground } from '../protocol/messages';
import { SETTLE } from '../watch/settle';

const ASK_MS = 250;
/** The shortest wait between two asks, whatever the answer. */
const MIN_ASK_MS = 50;

/** When to ask again after `answer` (ms the page needs to stay as it is, or anything else). */
export function nextAskIn(answer: unknown): number {
  return typeof answer === 'number' && Number.isFinite(answer) && answer >= 0
    ? Math.max(MIN_ASK_MS, answer)
    : ASK_MS;
}

/** What ending the watch needs from the bridge. */
export interface WatchEndParts {
  /** The document's last change (performance time). */
  changedAt(): number;
  /** Scripts the page inserted after `load` and still loading (src/bridge/late-scripts.ts). */
  loading(): number;
  /** Sends what waits. */
  flush(): Promise<unknown>;
  send(msg: ToBackground): Promise<unknown>;
  /** Called once the background ended the watch. */
  ended(): void;
}

/** Schedules the end of the watch of a page loaded at `loadAt` (performance time). */
export function endWatchWhenSettled(
  win: Window,
  loadAt: number,
  graceMs: number,
  parts: WatchEndParts,
): void {
  const ask = async () => {
    const elapsed = win.performance.now() - loadAt;
    await parts.flush().catch(() => undefined);
    const last = elapsed >= graceMs;
    const msg: ToBackground = last
      ? { type: 'watch-end' }
      : { type: 'watch-end', domQuiet: win.performance.now() - parts.changedAt(), loading: parts.loading() };
    const answer = await parts.send(msg).catch(() => last);
    if (answer === true || last) parts.ended();
    else setTimeout(() => void ask(), Math.min(nextAskIn(answer), graceMs - elapsed));
  };
  setTimeout(() => void ask(), Math.min(SETTLE.minMs, graceMs));
}
