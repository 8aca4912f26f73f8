/** Why a request failed, in one wording shared by the script and network rules. */
import { isScriptDirective } from '../detect/csp';
import type { NetRequest, PageError } from '../model/types';
import { clip } from './text';
import { parseUrl } from './urls';

/** Most telling first: a blocker explains an error, a status explains more than a bare error. */
export const FAILURE_KINDS = ['blocker', 'csp', 'http', 'network'] as const;

export interface Failure {
  kind: (typeof FAILURE_KINDS)[number];
  /** "blocked by …", "HTTP 404", "network error (…)". */
  text: string;
}

/** The failure of a request (or of a page error shaped like one), or null when it succeeded. */
export function failureOf({
  blocked,
  error,
  status,
}: Pick<NetRequest, 'blocked' | 'error' | 'status'>): Failure | null {
  if (blocked === 'client' || error?.includes('ERR_BLOCKED_BY_CLIENT')) {
    return { kind: 'blocker', text: 'blocked by an ad/tracker blocker' };
  }
  if (blocked === 'csp' || error?.includes('ERR_BLOCKED_BY_CSP')) return cspFailure();
  if (status !== undefined && status >= 400) return { kind: 'http', text: `HTTP ${status}` };
  return error === undefined ? null : { kind: 'network', text: `network error (${clip(error, 60)})` };
}

/** A CSP block, naming the policy's directive when known: "… Content-Security-Policy (script-src)". */
export function cspFailure(directive?: string): Failure {
  const which = directive === undefined || directive === '' ? '' : ` (${clip(directive, 40)})`;
  return { kind: 'csp', text: `blocked by the page's Content-Security-Policy${which}` };
}

/**
 * A page's CSP report of a Partnero URL: `script` when a script load was blocked (the loader
 * rules own it; reports without a directive, from older captures, count as scripts too),
 * `request` for anything else (`connect-src`, `img-src`…: network.request-failed), null otherwise.
 */
export function cspBlockKind(error: PageError): 'script' | 'request' | null {
  if (error.kind !== 'csp') return null;
  const effective = error.effectiveDirective ?? error.directive;
  return effective === undefined || isScriptDirective(effective) ? 'script' : 'request';
}

/** What to change in the policy so the blocked Partnero URL can load. */
export function cspFix(url: string, directive: string | undefined): string {
  const origin = clip(parseUrl(url)?.origin ?? 'https://app.partnero.com', 60);
  const where = directive ? clip(directive, 40) : 'script-src and connect-src';
  return `Add ${origin} to ${where} in the page's Content-Security-Policy (allowing https://*.partnero.com in script-src and connect-src covers the loader, its settings script and its tracking calls).`;
}
