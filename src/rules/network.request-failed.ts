/**
 * `network.request-failed`: a request to Partnero failed or was refused (e.g. HTTP 422 from
 * the transactions endpoint). A failed loader script is reported here too, and filed under
 * `snippet.script-failed` by causes.ts.
 */
import type { NetRequest } from '../model/types';
import { failureOf } from './failure';
import { type Draft, defineRule } from './rule';
import { clip, quote } from './text';
import { isPartneroHost } from './urls';

/** The `message` of a JSON error body, which Partnero's API fills with the reason. */
function bodyMessage(body: string | undefined): string | null {
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
      message: `${clip(request.method, 10)} ${clip(request.url)} failed: ${what}`,
      fix: 'Read the reason above: fix the sent fields (422), the program id (404) or what blocks the request.',
      target: { href: request.url },
    });
  }
  return findings;
});
