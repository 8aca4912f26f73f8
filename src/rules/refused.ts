/**
 * Refusals of Partnero's tracking API (HTTP 4xx on `/transactions` or `/customers`) tied to
 * the `po` calls whose payload they carried: causes.ts files a refusal under the finding
 * about that payload, and only that payload (two failing transactions, two roots).
 */
import type { Finding, Json, NetRequest } from '../model/types';
import type { RuleContext } from './context';
import { at, isObject, keyText } from './json';
import { bodyMessage } from './network.request-failed';
import { clip } from './text';
import { parseUrl } from './urls';

/** The API endpoints a page calls through `po`. */
export type ApiResource = 'transactions' | 'customers';

const refusedStatus = (status: number | undefined) => status !== undefined && status >= 400 && status < 500;

/** JSON text as a value, or undefined when it is not JSON (bodies are capped page data). */
function parsed(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/**
 * The refused requests a `network.request-failed` finding on `resource` stands for: same URL,
 * HTTP 4xx, and the status and reason its message states (one finding per distinct outcome).
 */
export function refusedRequests(effect: Finding, ctx: RuleContext, resource: ApiResource): NetRequest[] {
  const href = effect.target?.href;
  if (href === undefined || !new RegExp(`/${resource}/?$`).test(parseUrl(href)?.pathname ?? '')) return [];
  const refused = ctx.page.requests.filter((r) => r.url === href && refusedStatus(r.status));
  const stated = refused.filter((r) => {
    const said = bodyMessage(r.responseBody);
    return (
      effect.message.includes(`HTTP ${r.status}`) && (said === null || effect.message.includes(clip(said)))
    );
  });
  return stated.length > 0 ? stated : refused;
}

/** The page's `po` calls that send to `resource`. */
export function apiCalls(
  ctx: RuleContext,
  resource: ApiResource,
): readonly { call: number; payload: Json | undefined }[] {
  return resource === 'transactions' ? ctx.transactions : ctx.signups;
}

/**
 * Indexes in `PageState.calls` of the `calls` whose payload one of `requests` carried (same
 * `data`, else same `data.key`); null when no request body tells.
 */
export function carriedCalls(
  requests: readonly NetRequest[],
  calls: readonly { call: number; payload: Json | undefined }[],
): ReadonlySet<number> | null {
  const found = new Set<number>();
  for (const request of requests) {
    const body = parsed(request.requestBody);
    if (!isObject(body)) continue;
    const data = JSON.stringify(at(body, 'data'));
    const key = keyText(at(body, 'data.key'));
    const same = calls.filter((c) => JSON.stringify(at(c.payload, 'data')) === data);
    const sameKey = calls.filter((c) => key !== null && keyText(at(c.payload, 'data.key')) === key);
    for (const c of same.length > 0 ? same : sameKey) found.add(c.call);
  }
  return found.size > 0 ? found : null;
}

/**
 * A cause link for a refusal on `resource`: it applies to a finding about a refused request
 * there, and only a finding about a call that request carried explains it (any call of the
 * page when no request body tells which).
 */
export function refusedPayload(resource: ApiResource) {
  return {
    when: (effect: Finding, ctx: RuleContext) => refusedRequests(effect, ctx, resource).length > 0,
    match: (effect: Finding, cause: Finding, ctx: RuleContext) => {
      const calls = carriedCalls(refusedRequests(effect, ctx, resource), apiCalls(ctx, resource));
      const call = cause.target?.call;
      return calls === null || (call !== undefined && calls.has(call));
    },
  };
}
