/**
 * `snippet.script-failed`: universal.js or the program's settings.js did not load. Requests
 * and page errors both report it (often both do); one finding per script URL, with the most
 * telling reason (see FAILURE_KINDS).
 */
import type { PageError } from '../model/types';
import { cspBlockKind, cspFailure, cspFix, FAILURE_KINDS, type Failure, failureOf } from './failure';
import { type Draft, defineRule } from './rule';
import { clip } from './text';
import { scriptKind, withoutQuery } from './urls';

const CHECK_URL = 'Check the script URL and the program id in the snippet, then reload.';
/** Fixes by failure; a CSP block's fix names the blocked origin and directive (cspFix). */
const FIXES: Record<Exclude<Failure['kind'], 'csp'>, string> = {
  blocker:
    'Retest with blockers off; visitors who block it cannot be tracked (a first-party proxy of the script helps).',
  http: CHECK_URL,
  network: CHECK_URL,
};

/** universal.js rejects its loader promise with this when a script it injects fails. */
const LOADING_SCRIPT = /loading script/i;

const REJECTED: Failure = {
  kind: 'network',
  text: 'the page reported "Error: loading script" (usually a blocker)',
};

const rank = (failure: Failure) => FAILURE_KINDS.indexOf(failure.kind);

/** A page error as a failure: CSP reports, script load errors, universal.js's own rejection. */
function pageErrorFailure(e: PageError): Failure | null {
  if (e.kind === 'csp') return cspBlockKind(e) === 'script' ? cspFailure(e.directive) : null;
  if (e.kind === 'script-error') return failureOf({ error: e.message });
  return e.kind === 'rejection' && LOADING_SCRIPT.test(e.message) ? REJECTED : null;
}

export default defineRule('snippet.script-failed', ({ page }) => {
  const byScript = new Map<string, { url: string; failure: Failure; directive?: string | undefined }>();
  const candidates = [
    ...page.requests.map((request) => ({ url: request.url, failure: failureOf(request) })),
    ...page.errors.map((error) => ({
      url: error.url ?? '',
      failure: pageErrorFailure(error),
      directive: error.directive,
    })),
  ];
  for (const candidate of candidates) {
    const { url, failure } = candidate;
    if (failure === null || scriptKind(url) === null) continue;
    const key = withoutQuery(url);
    const known = byScript.get(key);
    if (known === undefined || rank(failure) < rank(known.failure))
      byScript.set(key, { ...candidate, failure });
  }
  const findings: Draft[] = [...byScript.values()].map(({ url, failure, directive }) => ({
    severity: 'error',
    message: `${scriptKind(url) === 'universal' ? 'universal.js' : "The program's settings.js"} failed to load: ${failure.text} (${clip(url)}).`,
    fix: failure.kind === 'csp' ? cspFix(url, directive) : FIXES[failure.kind],
    target: { href: url },
  }));
  // A rejection without a URL still says a script failed, unless a located finding says it better.
  const unlocated = page.errors.some((e) => e.url === undefined && pageErrorFailure(e) === REJECTED);
  if (findings.length === 0 && unlocated) {
    findings.push({
      severity: 'error',
      message: `A Partnero script failed to load: ${REJECTED.text}.`,
      fix: FIXES.blocker,
    });
  }
  return findings;
});
