/**
 * The data model shared by every context: what the background stores per tab, what the
 * rules read, what the popup, the panel and the CLI report show. Plain JSON only, so it
 * survives `storage.session`, messaging and export unchanged.
 */

/** A JSON value as copied out of the page (already capped and cycle-free). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Severity = 'error' | 'warning' | 'info';

/** Every rule id of the catalog (docs/rules.md), in its order; never renamed or reused. */
export const RULE_IDS = [
  'snippet.missing',
  'snippet.not-in-head',
  'snippet.duplicate',
  'snippet.script-failed',
  'snippet.delayed',
  'snippet.queue-stuck',
  'program.missing',
  'program.placeholder',
  'program.multiple',
  'settings.assets-host',
  'po.undefined',
  'po.unknown-command',
  'referral.param-dropped',
  'cookie.missing-after-referral',
  'cookie.absent',
  'cookie.lost-across-subdomains',
  'cookie.invalid-for-stripe',
  'link.missing-client-reference-id',
  'link.client-reference-id-mismatch',
  'link.client-reference-id-preset',
  'link.client-reference-id-invalid',
  'link.test-mode',
  'embed.missing-client-reference-id',
  'checkout.navigation-not-attributed',
  'transaction.schema',
  'transaction.placeholder',
  'transaction.amount',
  'transaction.amount-zero',
  'transaction.amount-cents',
  'transaction.currency',
  'transaction.key-format',
  'transaction.customer-key-format',
  'transaction.create-customer',
  'transaction.duplicate',
  'transaction.no-referral',
  'customer.signup-schema',
  'network.request-failed',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** What a finding points at, when it is about one element, call or request. */
export interface FindingTarget {
  /** CSS selector of the element in its frame. */
  selector?: string;
  /** Payment Link href, request URL or navigation URL. */
  href?: string;
  /** `top`, or the URL of the frame the element / call lives in. */
  frame?: string;
  /** Index into `PageState.calls` for findings about one `po` call. */
  call?: number;
  /** Field path inside a call payload, e.g. `data.amount`. */
  path?: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** One sentence for a human; page data inside it is already capped. */
  message: string;
  /** One-line fix, in the extension's words (its buttons, its panel). */
  fix?: string;
  /** The fix in the command line's words (`--aff TEST`, flags), where it differs from `fix`. */
  cliFix?: string;
  target?: FindingTarget;
  /** Rule id of the root-cause finding that explains this one. */
  causedBy?: RuleId;
  /**
   * Index of that root-cause finding in the page's findings (as the engine ordered them):
   * which one, when the page has several of its rule. Set together with `causedBy`.
   */
  causeIndex?: number;
  /**
   * The finding says "not verified yet" rather than "broken": nothing has run that could
   * prove it either way (a Payment Link nobody has clicked). Shown with the ? mark.
   */
  unverified?: true;
}

/** One call of the Partnero queue function, in call order. */
export interface PoCall {
  args: Json[];
  /** ms since the frame's navigation start (performance.now()). */
  at: number;
  /** `top` or frame URL. */
  frame: string;
  /** True when found already sitting in `po.q` when the hook first saw the queue. */
  queued?: boolean;
}

/** One execution of the loader snippet (it sets `window.__partnerObject`). */
export interface LoaderRun {
  at: number;
  frame: string;
  queueName: string;
  /** true: ran while the parser was still in <head>; false: from <body> or later; null: unknown. */
  inHead: boolean | null;
}

export type LinkKind = 'payment-link' | 'buy-button' | 'pricing-table';

export interface LinkRecord {
  /** Stable within a page: frame + element order of discovery. */
  id: string;
  kind: LinkKind;
  frame: string;
  selector: string;
  /** Visible text (capped). */
  text: string;
  /** Payment Link href as found in the DOM (null for embeds). */
  href: string | null;
  /**
   * When the element was first in the document: ms after the page started in the store (the
   * bridge sends its frame's performance time; the store converts it). Links parsed with the
   * page have the frame's DOMContentLoaded; later ones the DOM change that inserted them.
   */
  seenAt?: number;
  /** When the last click on it ran (ms after the page started), with `afterClick`. */
  clickedAt?: number;
  /** `client_reference_id` in the href (or the embed's `client-reference-id`) as found. */
  clientReferenceId: string | null;
  /** `client_reference_id` after a click ran the page's handlers; absent = never clicked. */
  afterClick?: string | null;
  /** href after the click (capped). */
  hrefAfterClick?: string;
  clickedBy?: 'user' | 'test';
  /** The click test used a probe cookie because the visit had no partnero_partner cookie. */
  probe?: string;
  /**
   * Unreferred visit: `client_reference_id` after the click test's first click, made with no
   * cookie at all (null: the helper left the link alone; absent: no such click).
   */
  afterClickNoCookie?: string | null;
  /** href after that click (capped). */
  hrefAfterClickNoCookie?: string;
  /** The element was not there at DOMContentLoaded (a helper that ran once never bound it). */
  addedLate: boolean;
  /** Inside a shadow root: `document.querySelectorAll` (so the usual helper) cannot see it. */
  inShadowRoot?: true;
  /** Element is no longer in the document. */
  removed?: boolean;
}

export interface NetRequest {
  url: string;
  method: string;
  /** HTTP status when a response arrived. */
  status?: number;
  /** Network error text (e.g. net::ERR_BLOCKED_BY_CLIENT). */
  error?: string;
  /** Why a request never left: an extension/ad blocker or the page's CSP. */
  blocked?: 'client' | 'csp';
  /** webRequest resource type (script, xmlhttprequest, …). */
  type?: string;
  at: number;
  /** Duration in ms when known. */
  duration?: number;
  /** Request body (tracking calls, capped). */
  requestBody?: string;
  /** Response body (tracking calls, capped) — filled by the devtools panel / CLI. */
  responseBody?: string;
  /**
   * Known only from a response the driver or DevTools saw: the browser's own record of the
   * request (webRequest, Resource Timing) has not come yet, and fills this entry in when it does.
   */
  observedOnly?: true;
}

export interface CookieInfo {
  /** As stored (URI-encoded). */
  raw: string;
  /** decodeURIComponent(raw), or raw when it does not decode. */
  value: string;
  /** ms after the page started when this value was first seen (bridge or cookie store). */
  seenAt?: number;
  /** Expiry, epoch seconds; null for a session cookie; absent when unknown. */
  expires?: number | null;
  domain?: string;
  path?: string;
}

/** Page-side errors the rules care about. */
export interface PageError {
  kind: 'po-undefined' | 'script-error' | 'csp' | 'rejection';
  message: string;
  /** csp: the directive of the page's policy that blocked it (`script-src`, `default-src`, …). */
  directive?: string;
  /** csp: the directive the browser enforced, which says what was loaded (`script-src-elem`). */
  effectiveDirective?: string;
  /** The queue name for po-undefined, the script/blocked URL for the others. */
  name?: string;
  url?: string;
  at: number;
  frame: string;
}

/** A Partnero <script> element seen in the DOM. */
export interface ScriptTag {
  src: string;
  frame: string;
  inHead: boolean;
}

/**
 * A `<script>` with the Partnero loader that the browser does not run as it stands: a consent
 * manager or a speed optimizer rewrote its type (see src/detect/held-script.ts).
 */
export interface HeldScript {
  frame: string;
  /** Who holds it: `cookiebot`, `onetrust`, `wp-rocket`, `rocket-loader`, … or `unknown`. */
  mechanism: string;
  /** `name="value"` of its type and of the attribute that names the mechanism (capped). */
  attrs: string[];
  /** The universal.js URL it points at (src, data-src, data-rocket-src…), when it has one. */
  src?: string;
}

export interface Navigation {
  url: string;
  at: number;
  /** Reached through an HTTP redirect from the merchant's server (not page script or a link). */
  serverRedirect?: boolean;
}

/** One redirect on the tab's way to a page. */
export interface Redirect {
  /** `server`: an HTTP 3xx answer; `client`: the previous page moved on (meta refresh, script). */
  kind: 'server' | 'client';
  /** HTTP status of a server redirect. */
  status?: number;
  from: string;
  to: string;
}

/** How the tab came to a page it did not open directly: the URL it was asked for, and the redirects. */
export interface PageEntry {
  /** The URL the tab was asked to open (a partner link, the CLI's first URL with `--aff`). */
  asked: string;
  /** From `asked` to the page, in order (capped). */
  redirects: Redirect[];
}

/** The top frame's own script moved the address (`history.replaceState`/`pushState`). */
export interface AddressChange {
  method: 'replaceState' | 'pushState';
  from: string;
  to: string;
  at: number;
  /** The Partnero loader had run by then. */
  loader: boolean;
  /** A `partnero_partner` cookie existed by then (universal.js had read the referral). */
  cookie: boolean;
}

/** Everything observed on the current page of a tab (reset when the top frame navigates). */
export interface PageState {
  url: string;
  /** Epoch ms when the page started. */
  startedAt: number;
  /** ms after start when `load` fired in the top frame. */
  loadedAt?: number;
  /** The grace period after load is over: rules about what never happened may decide. */
  watchEnded: boolean;
  queueName: string | null;
  loaderRuns: LoaderRun[];
  calls: PoCall[];
  /** Calls still waiting in `po.q` and whether universal.js took the queue over (last report). */
  queue: { pending: number; processed: boolean } | null;
  /** The latest queue report of each frame (`queue` is derived from these). */
  queueByFrame?: Record<string, { pending: number; processed: boolean }>;
  errors: PageError[];
  scripts: ScriptTag[];
  /** Loader scripts held back by a consent manager or a speed optimizer (absent: none seen). */
  heldScripts?: HeldScript[];
  requests: NetRequest[];
  links: LinkRecord[];
  cookie: CookieInfo | null;
  navigations: Navigation[];
  clickTest: 'idle' | 'running' | 'done';
  /** The popup or panel was opened during the watch: the click test runs when it ends. */
  clickTestAtEnd?: true;
  /**
   * The user (or the CLI) asked to check this page, so a page without any Partnero trace
   * still gets `snippet.missing`. Otherwise that rule needs evidence (links, cookie, …).
   */
  expectPartnero?: boolean;
  /** Reached through redirects: the URL the tab was asked to open and each hop (absent: none). */
  entry?: PageEntry;
  /** Address changes by the top frame's script that changed its path or query (capped). */
  addressChanges?: AddressChange[];
  /** Events dropped because a per-page cap was reached. */
  dropped: number;
  /** Bytes (UTF-8 JSON) of page data kept so far (see PAGE_BYTES; absent: none counted yet). */
  bytes?: number;
}

/**
 * What outlives a navigation inside one tab, while the tab stays on one site: it is forgotten
 * when the tab moves to another site (src/store/page.ts `resetPage`) and with the tab.
 */
export interface TabHistory {
  /** The registrable domain whose pages this history is of (absent: none yet). */
  site?: string;
  /** `data.key` of every transaction sent in this tab on earlier pages. */
  transactionKeys: string[];
  /** `data.key` of every `po('customers','signup')` seen in this tab on earlier pages. */
  signupKeys: string[];
  /** Queue names (`__partnerObject`) loaders used on earlier pages, to recognise `pa is not defined`. */
  queueNames?: string[];
  /**
   * Hosts whose pages in this tab ended with a `partnero_partner` cookie, the latest per host,
   * oldest first (capped): for `cookie.lost-across-subdomains`.
   */
  cookieHosts?: CookieHost[];
}

/** A host of the tab's journey that had the referral cookie when its page was left. */
export interface CookieHost {
  /** Host name of the page (no port). */
  host: string;
  /** The page's URL without query or fragment (capped), to name it in a fix. */
  url: string;
  /** The decoded cookie value (capped). */
  value: string;
  /** The cookie's domain when the cookies API told it (`.shop.example` = set with `domain=`). */
  domain?: string;
}

export interface TabState {
  page: PageState;
  history: TabHistory;
  findings: Finding[];
  /** The last message number applied per frame document (src/store/delivered.ts). */
  delivered?: Record<string, number>;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}
