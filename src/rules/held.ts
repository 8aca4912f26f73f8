/**
 * Held loaders that are still held: the markup says a consent manager or a speed optimizer
 * keeps the loader from running, and nothing shows that it ran since (consent given, first
 * interaction, Rocket Loader's runner). Shared by `snippet.delayed` (the finding) and
 * `snippet.missing` (which must not call a loader that is in the page "missing").
 */
import { HELD_KINDS, type HeldMechanism } from '../detect/held-script';
import type { HeldScript, PageState } from '../model/types';
import { scriptKind } from './urls';

/** The loader's code ran in this frame: it defined the queue, or a call went through it. */
function loaderRanIn(page: PageState, frame: string): boolean {
  return (
    page.loaderRuns.some((run) => run.frame === frame) ||
    page.calls.some((call) => call.frame === frame) ||
    page.queueByFrame?.[frame] !== undefined
  );
}

/** universal.js runs or loads in this frame: a runnable Partnero script, a request, the queue taken over. */
function universalRanIn(page: PageState, frame: string, requested: boolean): boolean {
  return (
    requested || page.scripts.some((s) => s.frame === frame) || page.queueByFrame?.[frame]?.processed === true
  );
}

/** Held loader scripts whose code has not run (a held script that then ran is fine). */
export function stillHeld(page: PageState): HeldScript[] {
  const held = page.heldScripts ?? [];
  if (held.length === 0) return [];
  // A held universal.js that was requested after all is no longer held, whoever released it.
  const requested = page.requests.some(({ url }) => scriptKind(url) === 'universal');
  return held.filter((h) =>
    h.src === undefined ? !loaderRanIn(page, h.frame) : !universalRanIn(page, h.frame, requested),
  );
}

/**
 * A speed optimizer (not a consent manager) holds the loader in this frame: it holds the
 * page's other scripts alike, the Payment Links helper included, until the first interaction
 * — which a test click is not, while a visitor's real click is.
 */
export function optimizerHolds(held: readonly HeldScript[], frame: string | undefined): boolean {
  return held.some((h) => h.frame === frame && HELD_KINDS[h.mechanism as HeldMechanism] !== 'consent');
}
