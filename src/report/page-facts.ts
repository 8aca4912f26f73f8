import type { Finding, Json, LinkRecord, PageState, PoCall } from '../model/types';
import { carriedCalls } from '../rules/refused';
import { isPartneroHost, parseUrl, scriptKind } from '../rules/urls';

/** A `po('transactions','create', payload)` call with its index in `PageState.calls`. */
export interface TransactionCall {
  index: number;
  call: PoCall;
  payload: Json;
}

/**
 * Distinct program ids from `po('program', ID, 'load')`, in load order. A non-string id
 * (an unset env variable arrives as `null`) is shown as its JSON text, so a placeholder
 * stays visible in the report instead of disappearing.
 */
export function programIds(page: PageState): string[] {
  const ids = new Set<string>();
  for (const { args } of page.calls) {
    const [command, id, action] = args;
    if (command === 'program' && action === 'load') {
      ids.add(typeof id === 'string' ? id : JSON.stringify(id ?? null));
    }
  }
  return [...ids];
}

/** Every `po('transactions','create', …)` call; a missing payload is reported as null. */
export function transactionCalls(page: PageState): TransactionCall[] {
  const found: TransactionCall[] = [];
  page.calls.forEach((call, index) => {
    const [command, action, payload] = call.args;
    if (command === 'transactions' && action === 'create')
      found.push({ index, call, payload: payload ?? null });
  });
  return found;
}

/**
 * Whether the extension saw universal.js come (a request to it that did not fail): the hook's
 * "queue processed" comes from the page's own world, where a script can claim it.
 */
export function universalSeen(page: PageState): boolean {
  return page.requests.some(
    (r) =>
      scriptKind(r.url) === 'universal' &&
      r.error === undefined &&
      !(r.status !== undefined && r.status >= 400),
  );
}

/**
 * Indexes of the transaction calls a request to Partnero's transactions endpoint was seen
 * carrying (matched by payload; by order when no request body tells): "sent" means on the wire.
 */
export function sentTransactions(page: PageState): ReadonlySet<number> {
  const requests = page.requests.filter(
    (r) => isPartneroHost(r.url) && /\/transactions\/?$/.test(parseUrl(r.url)?.pathname ?? ''),
  );
  const calls = transactionCalls(page).map(({ index, payload }) => ({ call: index, payload }));
  return carriedCalls(requests, calls) ?? new Set(calls.slice(0, requests.length).map((c) => c.call));
}

/** Whether a finding's target designates this link (by selector within its frame, else by href). */
export function targetsLink(finding: Finding, link: LinkRecord): boolean {
  const target = finding.target;
  if (target === undefined) return false;
  if (target.selector !== undefined) {
    return target.selector === link.selector && (target.frame === undefined || target.frame === link.frame);
  }
  return target.href !== undefined && target.href === link.href;
}
