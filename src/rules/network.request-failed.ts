/**
 * `network.request-failed`: a request to Partnero failed or was refused (e.g. HTTP 422 from
 * the transactions endpoint), or the page's Content-Security-Policy stopped it. A failed
 * loader script request is reported here too, and filed under `snippet.script-failed` by
 * causes.ts.
 */
import type { NetRequest, PageError } from '../model/types';
import { cspBlockKind, cspFailure, cspFix, failureOf } from './failure';
import { type Draft, defineRule } from './rule';
import { clip, quote } from './text';
import { isPartneroHost, scriptKind } from './urls';

/** The `message` of a JSON error body, which Partnero's API fills with the reason. */
export function bodyMessage(body: string | undefined): string | null {
  if (body === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    const message = (parsed as { message?: unknown } | null)?.message;
    return typeof message === 'string' && message.trim() !== '' ? message : null;
  } catch {
    return null;
  }
}

/** "HTTP 422; the response says "…"" — ends without a period when it ends with a quote. */
function outcome(request: NetRequest): string | null {
  const failure = failureOf(request);
  if (failure === null) return null;
  const message = failure.kind === 'http' ? bodyMessage(request.responseBody) : null;
  return message === null ? `${failure.text}.` : `${failure.text}; the response says ${quote(message)}`;
}

export default defineRule('network.request-failed', ({ page }) => {
  const seen = new Set<string>();
  const findings: Draft[] = [];
  for (const request of page.requests) {
    if (!isPartneroHost(request.url)) continue;
    const what = outcome(request);
    const key = `${request.method} ${request.url} ${what}`;
    // Retries of one failing call are one problem.
    if (what === null || seen.has(key)) continue;
    seen.add(key);
    findings.push({
      severity: 'error',
      message: `${request.method ? `${clip(request.method, 10)} ` : ''}${clip(request.url)} failed: ${what}`,
      fix: 'Read the reason above: fix the sent fields (422), the program id (404) or what blocks the request.',
      target: { href: request.url },
    });
  }
  return [...findings, ...cspBlocked(page.errors)];
});

/**
 * Partnero requests the page's CSP stopped before they left (`connect-src`, `img-src`…):
 * seen only as a `securitypolicyviolation`, never as a request. Blocked loader scripts
 * (universal.js, settings.js) are `snippet.script-failed`'s.
 */
function cspBlocked(errors: readonly PageError[]): Draft[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    const url = error.url ?? '';
    const key = `${url} ${error.directive}`;
    const kind = cspBlockKind(error);
    // A blocked loader script is snippet.script-failed's; any other Partnero URL is ours.
    const ours = kind === 'request' || (kind === 'script' && scriptKind(url) === null);
    if (!ours || !isPartneroHost(url) || seen.has(key)) return [];
    seen.add(key);
    return [
      {
        severity: 'error',
        message: `A request to ${clip(url)} was ${cspFailure(error.directive).text} before it left the page: Partnero never received it.`,
        fix: cspFix(url, error.directive),
        target: { href: url },
      },
    ];
  });
}
