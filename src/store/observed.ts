/** Merging what a driver or DevTools saw of Partnero responses into the page's requests. */
import type { NetRequest, PageState } from '../model/types';
import type { ObservedResponse } from '../protocol/messages';
import { jsonBytes } from './budget';
import { admit, grow } from './reducer';

const BODY_CAP = 4000;
/** How Firefox's webRequest ends a request its driver answered: an artefact once a status is known. */
const ABORTED = /ABORTED/;

/**
 * Fills in bodies, and statuses webRequest did not report (Firefox reports responses its
 * driver answered as aborted). A response webRequest never saw at all is added, unless it came
 * before the page started (it was a previous page's). Returns
 * true when anything changed.
 */
export function mergeObservedResponses(page: PageState, observed: ObservedResponse[]): boolean {
  let changed = false;
  for (const o of observed.slice(0, 200)) {
    if (typeof o?.url !== 'string') continue;
    const status = typeof o.status === 'number' && Number.isInteger(o.status) ? o.status : undefined;
    const body = typeof o.body === 'string' ? o.body.slice(0, BODY_CAP) : undefined;
    const req =
      page.requests.find((r) => r.url === o.url && r.status === undefined) ??
      page.requests.find((r) => r.url === o.url && (body === undefined || r.responseBody === undefined));
    if (!req) {
      if (status === undefined) continue;
      // Seen before this page started: a response of the page the tab left, not this one's.
      if (typeof o.at === 'number' && o.at < page.startedAt) continue;
      const added: NetRequest = {
        url: o.url.slice(0, 2000),
        method: 'GET',
        status,
        at: 0,
        ...(body && { responseBody: body }),
        observedOnly: true,
      };
      changed = admit(page, 'requests', page.requests, added) || changed;
      continue;
    }
    if (status !== undefined && req.status === undefined) {
      req.status = status;
      // The driver answered it: an "aborted" from webRequest is an artefact, not a failure.
      if (req.error && ABORTED.test(req.error)) delete req.error;
      changed = true;
    }
    // The page chose what it sent, so what Partnero echoes back: counted in its data budget.
    if (
      body !== undefined &&
      req.responseBody === undefined &&
      grow(page, 'requests', page.requests, jsonBytes({ responseBody: body }))
    ) {
      req.responseBody = body;
      changed = true;
    }
  }
  return changed;
}

/** How webRequest ended a request. */
export type RequestEnd = Pick<NetRequest, 'status' | 'error' | 'blocked'>;

/**
 * A request's end as webRequest reported it. An "aborted" error after the driver already gave
 * the request its status is the same artefact mergeObservedResponses clears: not a failure.
 */
export function endRequest(req: NetRequest, end: RequestEnd, duration: number): void {
  const artefact = req.status !== undefined && end.error !== undefined && ABORTED.test(end.error);
  Object.assign(req, artefact ? {} : end, { duration });
}
