/**
 * Messages across the extension's own boundaries: content script ↔ background ↔ views.
 * Every `type` is named here once; senders and receivers import these shapes.
 */

import type {
  Finding,
  HeldScript,
  Json,
  LinkRecord,
  PageEntry,
  PageError,
  PageState,
  TabHistory,
} from '../model/types';
import type { PageActivity, PageWork } from '../watch/settle';
import type { HookEvent } from './page';

/** What one frame's bridge observed (already validated and capped). */
export type BridgeEvent =
  | Exclude<HookEvent, { t: 'call' } | { t: 'page-error' }>
  /**
   * The top frame's address moved by page script (`history[name]`, seen through the Navigation
   * API); `cookie`: a `partnero_partner` cookie existed then.
   */
  | {
      t: 'history';
      name: 'replaceState' | 'pushState';
      from: string;
      to: string;
      at: number;
      cookie: boolean;
    }
  | { t: 'call'; name: string; args: Json[]; at: number; queued?: boolean }
  | { t: 'links'; links: LinkRecord[] }
  | {
      t: 'link-click';
      id: string;
      afterClick: string | null;
      hrefAfterClick: string;
      by: 'user' | 'test';
      /** The frame's performance time of the click. */
      at?: number;
      probe?: string;
      afterClickNoCookie?: string | null;
      hrefAfterClickNoCookie?: string;
    }
  /** `at`: the frame's performance time when the bridge read it. */
  | { t: 'cookie'; raw: string | null; at?: number }
  | { t: 'script'; src: string; inHead: boolean }
  | ({ t: 'held-script' } & Omit<HeldScript, 'frame'>)
  | ({ t: 'error' } & Omit<PageError, 'frame'>)
  | { t: 'loaded'; at: number }
  /**
   * A Partnero request as the page's Resource Timing shows it (src/bridge/requests.ts): heard
   * only where the extension has no `webRequest`. `status` when the page may read it.
   */
  | { t: 'request'; url: string; type: string; at: number; duration: number; status?: number }
  /** Events this frame lost to a cap since its last report (the page flooded a channel). */
  | { t: 'dropped'; count: number };

/** Content script → background. */
export type ToBackground =
  | {
      type: 'page-events';
      frame: string;
      timeOrigin: number;
      events: BridgeEvent[];
      /** The document is back from the back/forward cache: `events` replays all it had sent. */
      restored?: true;
      /** This document's message number (1, 2, …): a message resent after a lost answer is known. */
      seq?: number;
      /**
       * Top frame: the document's address when its bridge started (document_start), before any
       * page script could tidy it. Firefox stamps `sender.url` when a frame first uses the
       * extension APIs, which the bridge now does only at its first report.
       */
      url?: string;
    }
  /**
   * Top frame: the grace period after load is over. With `domQuiet` (ms since the document
   * last changed) the watch ends only if the page has settled (src/watch/settle.ts); the
   * answer is true when it ended, else the ms the page must stay as it is to settle (false:
   * unknown). `loading`: scripts the page inserted after load that have neither loaded nor
   * failed yet.
   */
  | { type: 'watch-end'; domQuiet?: number; loading?: number }
  /** Automation (CLI) request relayed from a WebDriver-controlled page. */
  /** A sealed automation request (src/protocol/sealed.ts), relayed unread by the bridge. */
  | { type: 'automation'; sealed: string }
  /** Views: current state of a tab. */
  | { type: 'get-state'; tabId: number }
  | { type: 'click-test'; tabId: number; linkId?: string }
  | { type: 'reveal'; tabId: number; linkId: string }
  | { type: 'site-opt-in'; origin: string; enabled: boolean }
  | { type: 'response-bodies'; tabId: number; bodies: ObservedResponse[] };

/**
 * A Partnero response seen by DevTools or the CLI's browser driver: webRequest cannot read
 * bodies, and in Firefox it does not see the status of responses the driver answered.
 */
export interface ObservedResponse {
  url: string;
  status?: number;
  body?: string;
  /** When it was seen (epoch ms): a response older than the page belongs to a page it left. */
  at?: number;
}

/** Background → content script (one frame at a time). */
export type ToContent =
  | { type: 'click-test'; linkId?: string }
  | { type: 'collect' }
  | { type: 'reveal'; linkId: string };

/** What the CLI asks through the automation channel. */
export type AutomationRequest =
  /** End the page's watch; `bodies`: what the driver saw of Partnero responses meanwhile. */
  | {
      op: 'finish';
      clickTest: boolean;
      expectPartnero: boolean;
      bodies?: ObservedResponse[];
      /** The top-level navigation's redirects as the driver saw them (webRequest may not have). */
      entry?: PageEntry;
      /**
       * When the driver started opening the page (epoch ms): pages the tab left since then (the
       * page moved itself during its watch) come back in `left`, each with its own verdict.
       */
      since?: number;
    }
  /**
   * Whether the page has settled (src/watch/settle.ts), the document's quiet time and the
   * page's own pending work measured by the driver; `bodies`: Partnero responses the driver
   * saw since the last ask.
   */
  | { op: 'activity'; domQuiet: number; work?: PageWork; bodies?: ObservedResponse[] }
  | { op: 'state' }
  /** The tab's saved copy in `storage.session`, as a restarted worker would find it. */
  | { op: 'saved' };

/** The answer to `activity`. */
export interface ActivityAnswer {
  settled: boolean;
  /** ms until it settles if nothing changes meanwhile; null while something holds it. */
  settlesIn: number | null;
  activity: PageActivity;
}

/** What the extension answers to each automation request. */
export type AutomationAnswer<R extends AutomationRequest> = R extends { op: 'activity' }
  ? ActivityAnswer
  : TabSnapshot;

/** A page the tab left, as it was when it was left: its state and its findings then. */
export interface LeftPage {
  page: PageState;
  findings: Finding[];
}

export interface TabSnapshot {
  tabId: number;
  page: PageState;
  history: TabHistory;
  findings: Finding[];
  /** Answer to `finish` with `since`: the pages left since then, oldest first. */
  left?: LeftPage[];
}

/**
 * Page ↔ bridge automation channel: only live when `navigator.webdriver` is true, and only
 * sealed envelopes `{ id, sealed }` travel on it (see src/protocol/sealed.ts).
 */
export const AUTOMATION_REQUEST = 'partnero-inspector:automation-request';
export const AUTOMATION_RESPONSE = 'partnero-inspector:automation-response';

/** Port name prefix for views that follow one tab live (`view:<tabId>`). */
export const VIEW_PORT = 'view:';
