/**
 * What changed between two snapshots of the same page, as event drafts: new calls, requests,
 * links, clicks, cookie values, findings and navigations, and updates of rows already shown
 * (a request that finished, a call whose findings changed severity).
 */

import type { Finding, LinkRecord, NetRequest, PageState, Severity } from '../model/types';
import type { MarkKind } from '../report/marks';
import { callSeverities, linkSeverity, requestSeverity } from './event-severity';
import type { EventData, JourneyPage } from './events';
import { linkStatus } from './link-status';

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
  /** The row's mark when it differs from its severity's (a link not verified yet: ?). */
  mark?: MarkKind | null;
}

/** What a finding is about: its rule and target. A finding that replaces one about the same thing supersedes it. */
const subjectKey = (f: Finding) => `${f.rule}|${JSON.stringify(f.target ?? {})}`;
const findingKey = (f: Finding) => `finding:${f.severity}|${f.message}|${subjectKey(f)}`;
const linkKey = (l: LinkRecord) => `${l.frame}|${l.id}`;
/** `at` is included: a re-timed page shifts its requests. */
const requestState = (r: NetRequest) =>
  [r.at, r.status, r.error, r.blocked, r.duration, r.responseBody].join('\u0000');
const clickState = (l: LinkRecord | undefined) =>
  l ? [l.afterClick, l.hrefAfterClick, l.clickedBy].join('\u0000') : '';

/**
 * Drafts for everything in `next` that `prev` (the same page, earlier) did not show; with no
 * `prev`, everything on the page. Links, clicks and the cookie carry when they happened
 * (`seenAt`, `clickedAt`); what carries no time of its own (findings, and those from an older
 * capture) is timed `nowAt` (ms since page start): when the panel saw it appear, or NaN
 * when that says nothing of when it happened. Sorted by time so a first snapshot reads in order.
 */
export function diffPage(
  prev: JourneyPage | undefined,
  next: { page: PageState; findings: Finding[] },
  nowAt: number,
): EventDraft[] {
  const drafts = [
    ...callDrafts(prev, next),
    ...requestDrafts(prev?.page, next.page),
    ...linkDrafts(prev, next, nowAt),
    ...cookieDrafts(prev?.page, next.page, nowAt),
    ...navigationDrafts(prev?.page, next.page),
    ...findingDrafts(prev, next.findings, nowAt),
  ];
  // Unknown times (NaN) go last; sort is stable, so equal times keep their order.
  const time = (d: EventDraft) => (Number.isFinite(d.at) ? d.at : Number.POSITIVE_INFINITY);
  return drafts.sort((a, b) => time(a) - time(b));
}

type Next = { page: PageState; findings: Finding[] };

function callDrafts(prev: JourneyPage | undefined, { page, findings }: Next): EventDraft[] {
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
  return drafts;
}

function requestDrafts(old: PageState | undefined, page: PageState): EventDraft[] {
  const drafts: EventDraft[] = [];
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
  return drafts;
}

function linkDrafts(prev: JourneyPage | undefined, { page, findings }: Next, at: number): EventDraft[] {
  const drafts: EventDraft[] = [];
  const old = prev?.page;
  const oldLinks = new Map((old?.links ?? []).map((l) => [linkKey(l), l]));
  for (const link of page.links) {
    const before = oldLinks.get(linkKey(link));
    const severity = linkSeverity(findings, link);
    const { mark } = linkStatus(link, findings);
    const was = before && {
      severity: linkSeverity(prev?.findings ?? [], before),
      ...linkStatus(before, prev?.findings ?? []),
    };
    if (!was || mark !== was.mark || severity !== was.severity) {
      const data = { kind: 'link', link, change: 'found' } as const;
      const mode = before ? 'update' : 'new';
      const seen = link.seenAt ?? at;
      drafts.push({ key: `link:${linkKey(link)}`, mode, keepTime: true, data, at: seen, severity, mark });
    }
    if (link.afterClick === undefined) continue;
    const data = { kind: 'link', link, change: 'clicked' } as const;
    const key = `click:${linkKey(link)}`;
    const clicked = link.clickedAt ?? at;
    if (clickState(before) !== clickState(link))
      drafts.push({ key, mode: 'new', data, at: clicked, severity, mark });
    // The verdict on a click can come a snapshot later than the click.
    else if (was && (mark !== was.mark || severity !== was.severity))
      drafts.push({ key, mode: 'update', keepTime: true, data, at: clicked, severity, mark });
  }
  return drafts;
}

function cookieDrafts(old: PageState | undefined, page: PageState, at: number): EventDraft[] {
  const cookie = page.cookie;
  const data = { kind: 'cookie', cookie } as const;
  if ((old?.cookie?.raw ?? null) !== (cookie?.raw ?? null) && (old || cookie))
    return [{ key: 'cookie', mode: 'new', data, at: cookie?.seenAt ?? at, severity: null }];
  if (cookie && JSON.stringify(old?.cookie) !== JSON.stringify(cookie))
    return [{ key: 'cookie', mode: 'update', keepTime: true, data, at: cookie.seenAt ?? at, severity: null }];
  return [];
}

function navigationDrafts(old: PageState | undefined, page: PageState): EventDraft[] {
  const firstNav = old?.navigations.length ?? 0;
  return page.navigations.slice(firstNav).map((nav, i) => {
    const data = {
      kind: 'navigation',
      url: nav.url,
      separator: false,
      ...(nav.serverRedirect && { serverRedirect: true }),
    } as const;
    return { key: `nav:${firstNav + i}`, mode: 'new', data, at: nav.at, severity: null };
  });
}

/**
 * New findings, and the ones the rules dropped, marked resolved (no longer coloured). Not
 * resolved: a finding that said a check had not run yet (what follows is the verdict, which
 * may well be a failure), nor one replaced by another of its rule about the same thing.
 */
function findingDrafts(prev: JourneyPage | undefined, findings: Finding[], at: number): EventDraft[] {
  const drafts: EventDraft[] = [];
  const before = new Set((prev?.findings ?? []).map(findingKey));
  const now = new Set(findings.map(findingKey));
  const subjects = new Set(findings.map(subjectKey));
  for (const finding of findings) {
    if (before.has(findingKey(finding))) continue;
    const data = { kind: 'finding', finding } as const;
    drafts.push({ key: findingKey(finding), mode: 'new', data, at, severity: finding.severity });
  }
  for (const finding of prev?.findings ?? []) {
    if (now.has(findingKey(finding)) || finding.unverified || subjects.has(subjectKey(finding))) continue;
    const data = { kind: 'finding', finding, resolved: true } as const;
    const key = findingKey(finding);
    drafts.push({ key, mode: 'update', keepTime: true, data, at, severity: null, mark: null });
  }
  return drafts;
}
