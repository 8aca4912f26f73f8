/**
 * How strongly one finding's evidence ties it to another: which of several findings of a
 * cause rule explains a consequence (causes.ts). Same call field beats same call, which ties
 * with same URL; then same element, then same frame.
 */
import type { Finding, FindingTarget } from '../model/types';
import type { RuleContext } from './context';
import { keyText } from './json';
import { apiCalls, carriedCalls, refusedRequests } from './refused';
import { settingsProgramId } from './urls';

/**
 * Indexes in `PageState.calls` of the `po` calls a finding is about: its own target's, the
 * program loads a settings.js URL was built from, the calls a refused API request carried.
 */
function callsAbout(finding: Finding, ctx: RuleContext): ReadonlySet<number> {
  const { call, href } = finding.target ?? {};
  if (call !== undefined) return new Set([call]);
  const program = settingsProgramId(href ?? '');
  if (program !== null) {
    return new Set(ctx.programLoads.filter((load) => keyText(load.id) === program).map((load) => load.call));
  }
  const carried = (['transactions', 'customers'] as const).flatMap((resource) => [
    ...(carriedCalls(refusedRequests(finding, ctx, resource), apiCalls(ctx, resource)) ?? []),
  ]);
  return new Set(carried);
}

/** Weight of each kind of shared evidence. */
const SAME_FIELD = 8;
const SAME_CALL = 4;
const SAME_URL = 4;
const SAME_ELEMENT = 2;
const SAME_FRAME = 1;

/** A score of the evidence `effect` and `cause` share; 0 when none. */
export function sharedEvidence(effect: Finding, cause: Finding, ctx: RuleContext): number {
  const a: FindingTarget = effect.target ?? {};
  const b: FindingTarget = cause.target ?? {};
  const same = (key: keyof FindingTarget) => a[key] !== undefined && a[key] === b[key];
  const sameCall = b.call !== undefined && callsAbout(effect, ctx).has(b.call);
  return (
    (sameCall && same('path') ? SAME_FIELD : 0) +
    (sameCall ? SAME_CALL : 0) +
    (same('href') ? SAME_URL : 0) +
    (same('selector') ? SAME_ELEMENT : 0) +
    (same('frame') ? SAME_FRAME : 0)
  );
}
