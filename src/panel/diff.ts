/**
 * What changed between two snapshots of the same page, as event drafts: new calls, requests,
 * links, clicks, cookie values, findings and navigations, and updates of rows already shown
 * (a request that finished, a call whose findings changed severity).
 */

import type { Finding, LinkRecord, NetRequest, PageState, Severity } from '../model/types';
import { callSeverities, linkSeverity, requestSeverity } from './event-severity';
import type { EventData, JourneyPage } from './events';

export interface EventDraft {
  /** Names the row within the live page, e.g. `call:3`. */
  key: string;
  /** new: add a row; update: replace the row if it is still in the buffer; never re-added. */
  mode: 'new' | 'update';
  /** An update that keeps the row's time: the time is when the panel first saw it, not intrinsic. */
  keepTime?: boolean;
  data: EventData;
  at: number;
  severity: Severity | null;
}

const findingKey = (f: Finding) =>
  `finding:${f.rule}|${f.severity}|${f.message}|${JSON.stringify(f.target ?? {})}`;
const linkKey = (l: LinkRecord) => `${l.frame}|${l.id}`;
/** `at` is included: a re-timed page shifts its requests. */
const requestState = (r: NetRequest) =>
  [r.at, r.status, r.error, r.blocked, r.duration, r.responseBody].join('\u0000');
const clickState = (l: LinkRecord | undefined) =>
  l ? [l.afterClick, l.hrefAfterClick, l.clickedBy].join('\u0000') : '';

/**
 * Drafts for everything in `next` that `prev` (the same page, earlier) did not show; with no
 * `prev`, everything on the page. `nowAt` (ms since page start) times what carries no time
 * of its own: findings and clicks. Sorted by time so a first snapshot reads in order.
 */
export function diffPage(
  prev: JourneyPage | undefined,
  next: { page: PageState; findings: Finding[] },
  nowAt: number,
): EventDraft[] {
  const { page, findings } = next;
  const old = prev?.page;
  const drafts: EventDraft[] = [];

  const [oldSev, newSev] = [callSeverities(prev?.findings ?? []), callSeverities(findings)];
  page.calls.forEach((call, index) => {
    const severity = newSev.get(index) ?? null;
    const isNew = !old || index >= old.calls.length;
    if (!isNew && (oldSev.get(index) ?? null) === severity) return;
    const kind = call.args[0] === 'transactions' && call.args[1] === 'create' ? 'transaction' : 'call';
    drafts.push({
      key: `call:${index}`,
      mode: isNew ? 'new' : 'update',
      data: { kind, index, call },
      at: call.at,
      severity,
    });
  });

  page.requests.forEach((request, index) => {
    const before = old?.requests[index];
    if (before && requestState(before) === requestState(request)) return;
    const mode = before ? 'update' : 'new';
    drafts.push({
      key: `request:${index}`,
      mode,
      data: { kind: 'request', request },
      at: request.at,
      severity: requestSeverity(request),
    });
  });

  const oldLinks = new Map((old?.links ?? []).map((l) => [linkKey(l), l]));
  for (const link of page.links) {
    const before = oldLinks.get(linkKey(link));
    const severity = linkSeverity(findings, link);
    if (!before || severity !== linkSeverity(prev?.findings ?? [], before)) {
      const data = { kind: 'link', link, change: 'found' } as const;
      drafts.push({
        key: `link:${linkKey(link)}`,
        mode: before ? 'update' : 'new',
        keepTime: true,
        data,
        at: nowAt,
        severity,
      });
    }
    if (link.afterClick !== undefined && clickState(before) !== clickState(link)) {
      const data = { kind: 'link', link, change: 'clicked' } as const;
      drafts.push({ key: `click:${linkKey(link)}`, mode: 'new', data, at: nowAt, severity });
    }
  }

  const cookie = page.cookie;
  if ((old?.cookie?.raw ?? null) !== (cookie?.raw ?? null) && (old || cookie)) {
    drafts.push({ key: 'cookie', mode: 'new', data: { kind: 'cookie', cookie }, at: nowAt, severity: null });
  } else if (cookie && JSON.stringify(old?.cookie) !== JSON.stringify(cookie)) {
    drafts.push({
      key: 'cookie',
      mode: 'update',
      keepTime: true,
      data: { kind: 'cookie', cookie },
      at: nowAt,
      severity: null,
    });
  }

  const firstNav = old?.navigations.length ?? 0;
  page.navigations.slice(firstNav).forEach((nav, i) => {
    const data = {
      kind: 'navigation',
      url: nav.url,
      separator: false,
      ...(nav.serverRedirect && { serverRedirect: true }),
    } as const;
    drafts.push({ key: `nav:${firstNav + i}`, mode: 'new', data, at: nav.at, severity: null });
  });

  const before = new Set((prev?.findings ?? []).map(findingKey));
  const now = new Set(findings.map(findingKey));
  for (const finding of findings) {
    if (before.has(findingKey(finding))) continue;
    const data = { kind: 'finding', finding } as const;
    drafts.push({ key: findingKey(finding), mode: 'new', data, at: nowAt, severity: finding.severity });
  }
  // A finding the rules dropped stays in the log, marked resolved (no longer coloured).
  for (const finding of prev?.findings ?? []) {
    if (now.has(findingKey(finding))) continue;
    const data = { kind: 'finding', finding, resolved: true } as const;
    drafts.push({
      key: findingKey(finding),
      mode: 'update',
      keepTime: true,
      data,
      at: nowAt,
      severity: null,
    });
  }

  // Unknown times (NaN) go last; sort is stable, so equal times keep their order.
  const time = (d: EventDraft) => (Number.isFinite(d.at) ? d.at : Number.POSITIVE_INFINITY);
  return drafts.sort((a, b) => time(a) - time(b));
}
