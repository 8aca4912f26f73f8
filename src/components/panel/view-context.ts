/** What every view of the panel reads besides its own data: the journey, the filter, the actions. */
import type { JourneyPage } from '../../panel/events';
import type { Query, SeverityToggles } from '../../panel/filter';

/** Requests to the inspected page (through the background); absent for an imported capture. */
export interface PanelActions {
  /** Scroll to and highlight the link in the page. */
  reveal(linkId: string): void;
  /** Re-run the click test for one link. */
  clickTest(linkId: string): void;
  /** Test-click every Payment Link of the page; settles when the test is over. Absent: no such button. */
  testLinks?(): Promise<unknown>;
  /** Open `url` (the page as a referred visitor opens it) in the inspected tab. Absent: no such button. */
  openUrl?(url: string): void;
}

export interface ViewContext {
  pages: readonly JourneyPage[];
  /** Number of the page the actions reach (the live one); null when read-only (imported). */
  livePage: number | null;
  actions: PanelActions;
  query: Query;
  toggles: SeverityToggles;
  /** Epoch ms, for cookie expiry. */
  now: number;
}

/** The journey page with number `n`. */
export function pageOf(ctx: ViewContext, n: number): JourneyPage | undefined {
  return ctx.pages.find((p) => p.n === n);
}

/** Why actions on page `n` cannot reach the page; null when they can (the live page). */
export function unreachable(ctx: ViewContext, n: number): string | null {
  if (ctx.livePage === null) return 'This is an imported capture: there is no page to act on';
  return n === ctx.livePage ? null : 'This link was on an earlier page of the journey';
}
