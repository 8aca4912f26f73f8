import type { Finding, Json, LinkRecord, PageState, PoCall } from '../model/types';

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

/** Whether a finding's target designates this link (by selector within its frame, else by href). */
export function targetsLink(finding: Finding, link: LinkRecord): boolean {
  const target = finding.target;
  if (target === undefined) return false;
  if (target.selector !== undefined) {
    return target.selector === link.selector && (target.frame === undefined || target.frame === link.frame);
  }
  return target.href !== undefined && target.href === link.href;
}
