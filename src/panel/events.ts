/**
 * The devtools panel's event log: what the panel saw happen in the inspected tab, as one
 * timeline across the pages of a journey. Plain data, so the log can be filtered, rendered
 * by a virtual list and exported without touching a browser API.
 */
import type {
  CookieInfo,
  Finding,
  LinkRecord,
  NetRequest,
  PageState,
  PoCall,
  Severity,
} from '../model/types';
import type { MarkKind } from '../report/marks';

/** Kinds of rows in the timeline, in the order the kind filter lists them. */
export const EVENT_KINDS = [
  'call',
  'transaction',
  'link',
  'cookie',
  'request',
  'finding',
  'navigation',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What one event is about; `kind` discriminates. */
export type EventData =
  /** A `po(...)` call; `index` is its position in `PageState.calls` (findings point at it). */
  | { kind: 'call' | 'transaction'; index: number; call: PoCall }
  | { kind: 'link'; link: LinkRecord; change: 'found' | 'clicked' }
  /** The referral cookie appeared, changed or went away (null). */
  | { kind: 'cookie'; cookie: CookieInfo | null }
  | { kind: 'request'; request: NetRequest }
  /** `resolved`: the rules no longer report it (e.g. a warning that a click has since settled). */
  | { kind: 'finding'; finding: Finding; resolved?: boolean }
  /** `separator`: a new page of the journey starts here; otherwise a navigation to Stripe. */
  | { kind: 'navigation'; url: string; separator: boolean; serverRedirect?: boolean };

export type PanelEvent = EventData & {
  /** Identity of the row, increasing with arrival; survives filtering and the buffer dropping old events. */
  seq: number;
  /** Journey page number (1 for the first page seen). */
  pageN: number;
  /** ms since that page started; NaN when unknown (imported requests carry no time). */
  at: number;
  /** Worst severity of the findings about this event; null when none apply (what the toggles hide). */
  severity: Severity | null;
  /** The mark the row shows (✓ ✗ ! · ?); null for none. */
  mark: MarkKind | null;
  /** The one-line text of the row. */
  summary: string;
  /** Lower-case text the filter box searches. */
  text: string;
};

/** The latest state of one page of the journey (what the structured tabs and export read). */
export interface JourneyPage {
  n: number;
  page: PageState;
  findings: Finding[];
}

export interface LogState {
  /** Page by page in arrival order, each page's rows by time; at most {@link EVENT_CAP}. */
  events: PanelEvent[];
  /** Events pushed out of the buffer (oldest first) since the last clear. */
  dropped: number;
  nextSeq: number;
  /** Pages of the journey, oldest first; the last one is the live page. */
  pages: JourneyPage[];
  /** Journey pages forgotten because of {@link PAGE_CAP}. */
  droppedPages: number;
  /** Event key (stable within the live page) → seq, to update an event in place. */
  keys: Map<string, number>;
  /** Keep earlier pages' events when the tab navigates. */
  preserve: boolean;
}

/** A 10,000-row log stays fast to filter and render; older events are counted, not kept. */
export const EVENT_CAP = 10_000;
/** Pages of one journey kept for the structured tabs and export. */
export const PAGE_CAP = 50;
