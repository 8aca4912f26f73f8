/**
 * What every rule reads: the page and tab history, plus the facts several rules share,
 * derived once per run so that rules agree (one definition of "Partnero is present", of
 * the referral parameters, of a valid program id…).
 */
import type { CookieInfo, HeldScript, PageState, TabHistory } from '../model/types';
import {
  type AssetsHostCall,
  assetsHostCalls,
  type ProgramLoad,
  programLoads,
  referralParams,
  type SignupCall,
  signupCalls,
  type TransactionCall,
  transactionCalls,
} from './calls';
import { type DroppedReferral, droppedReferrals } from './dropped';
import { stillHeld } from './held';
import { at, keyText } from './json';
import { isPlaceholderProgramId } from './placeholder';
import { clip } from './text';
import { isPartneroHost, parseUrl, scriptKind } from './urls';

/** The input of every rule: page, history and the facts derived from them once. */
export interface RuleContext {
  page: PageState;
  history: TabHistory;
  /** The page runs Partnero: a queue, a loader run, a call, a Partnero script or request. */
  present: boolean;
  /** Why Partnero is expected here, for messages; empty = a page unrelated to Partnero. */
  evidence: string[];
  cookie: CookieInfo | null;
  /** The queue function's name (`po` unless the site renamed it), capped for messages. */
  queueName: string;
  programLoads: ProgramLoad[];
  /** Distinct program ids that are not placeholders, in load order. */
  programIds: string[];
  /** URL parameters that carry a partner key (`aff` plus the program's own). */
  referralParams: string[];
  /** Referral parameters present in the page URL, with their values. */
  referrals: { param: string; value: string }[];
  /** Referral parameters the visit arrived with but lost before universal.js read them. */
  dropped: DroppedReferral[];
  transactions: TransactionCall[];
  signups: SignupCall[];
  /** Customer keys signed up on this page or earlier in the tab. */
  signupKeys: ReadonlySet<string>;
  assetsHostCalls: AssetsHostCall[];
  /** Host name of the page URL, or null when it does not parse. */
  pageHost: string | null;
  /** Loader scripts a consent manager or optimizer holds and that have not run (snippet.delayed). */
  held: HeldScript[];
}

/** What the extension itself saw of Partnero: a loader script tag, a request, a blocked one. */
function seenOnTheWire(page: PageState): boolean {
  return (
    page.scripts.length > 0 ||
    page.requests.some(({ url }) => isPartneroHost(url) || scriptKind(url) !== null) ||
    page.errors.some((e) => e.kind === 'csp' && isPartneroHost(e.message))
  );
}

/**
 * Whether the loader is on the page. The hook's reports (queue, loader runs, calls) come from
 * the page's own world, where a script can forge them: once the watch is over they count only
 * with something the extension saw itself (the loader's script tag, a request to Partnero).
 */
function isPresent(page: PageState): boolean {
  const claimed = page.queueName !== null || page.loaderRuns.length > 0 || page.calls.length > 0;
  return seenOnTheWire(page) || (claimed && !page.watchEnded);
}

function evidenceOf(page: PageState, present: boolean, referrals: RuleContext['referrals']): string[] {
  const reasons: string[] = [];
  if (present) reasons.push('the Partnero loader');
  else if (page.queueName !== null || page.loaderRuns.length > 0)
    reasons.push('a Partnero queue that page script reported but that never requested universal.js');
  if (page.expectPartnero === true) reasons.push('a request to check it');
  if (page.links.some(({ kind }) => kind === 'payment-link')) reasons.push('Stripe Payment Links');
  if (page.links.some(({ kind }) => kind !== 'payment-link')) reasons.push('Stripe embeds');
  if (page.cookie !== null) reasons.push('a partnero_partner cookie');
  if (page.heldScripts?.length) reasons.push('a held-back Partnero loader');
  if (referrals[0] !== undefined) reasons.push(`a referral parameter (?${clip(referrals[0].param, 40)}=)`);
  if (page.errors.some(({ kind }) => kind === 'po-undefined')) reasons.push('a "po is not defined" error');
  return reasons;
}

/** Computes the shared facts of one page once. */
export function derive(input: { page: PageState; history: TabHistory }): RuleContext {
  const { page, history } = input;
  const present = isPresent(page);
  const params = referralParams(page.calls);
  const search = parseUrl(page.url)?.searchParams;
  const referrals = params.flatMap((param) => {
    const value = search?.get(param);
    return value === null || value === undefined ? [] : [{ param, value }];
  });
  const loads = programLoads(page.calls);
  const signups = signupCalls(page.calls);
  const pageSignupKeys = signups.map(({ payload }) => keyText(at(payload, 'data.key')));
  return {
    page,
    history,
    present,
    evidence: evidenceOf(page, present, referrals),
    cookie: page.cookie,
    queueName: clip(page.queueName ?? page.loaderRuns[0]?.queueName ?? 'po', 40),
    programLoads: loads,
    programIds: [
      ...new Set(loads.flatMap(({ id }) => (isPlaceholderProgramId(id) ? [] : [String(id).trim()]))),
    ],
    referralParams: params,
    referrals,
    dropped: droppedReferrals(page, params, present),
    transactions: transactionCalls(page.calls),
    signups,
    signupKeys: new Set([...history.signupKeys, ...pageSignupKeys.filter((key) => key !== null)]),
    assetsHostCalls: assetsHostCalls(page.calls),
    pageHost: parseUrl(page.url)?.hostname ?? null,
    held: stillHeld(page),
  };
}
