/**
 * The event log as a pure state machine: successive snapshots of the inspected tab go in, a
 * capped timeline and the pages of the journey come out. A new page either replaces the log
 * or, with *preserve log*, is appended under its own separator.
 */
import type { Finding, PageState } from '../model/types';
import { findingMark } from '../report/marks';
import { searchText, summarize } from './describe';
import { diffPage, type EventDraft } from './diff';
import { EVENT_CAP, type JourneyPage, type LogState, PAGE_CAP, type PanelEvent } from './events';

/** What the log reads of a `TabSnapshot`. */
export interface Snapshot {
  page: PageState;
  findings: Finding[];
}

/** A log with nothing in it yet; `preserve` keeps earlier pages on navigation. */
export function emptyLog(preserve = false): LogState {
  return { events: [], dropped: 0, nextSeq: 1, pages: [], droppedPages: 0, keys: new Map(), preserve };
}

/** A draft's mark: its own, a finding's, or its severity's (info is context: ·). */
function markOf(draft: Pick<EventDraft, 'data' | 'severity' | 'mark'>): PanelEvent['mark'] {
  if (draft.mark !== undefined) return draft.mark;
  if (draft.data.kind === 'finding') return findingMark(draft.data.finding);
  return draft.severity === 'info' ? 'none' : draft.severity;
}

function makeEvent(
  draft: Pick<EventDraft, 'data' | 'at' | 'severity' | 'mark'>,
  seq: number,
  pageN: number,
): PanelEvent {
  const summary = summarize(draft.data);
  return {
    ...draft.data,
    seq,
    pageN,
    at: draft.at,
    severity: draft.severity,
    mark: markOf(draft),
    summary,
    text: searchText(draft.data, summary),
  };
}

/** Index of the event with `seq`, or -1; searched from the newest, where updates land. */
export function indexOfSeq(events: readonly PanelEvent[], seq: number): number {
  for (let i = events.length - 1; i >= 0; i--) if ((events[i] as PanelEvent).seq === seq) return i;
  return -1;
}

/**
 * Adds a row to the live page in time order: snapshots are sent in bursts, so a call may
 * arrive after a request that started later. Rows without a time (NaN) go last; the page's
 * separator stays first. Usually this is an append.
 */
function insertByTime(events: PanelEvent[], event: PanelEvent): void {
  let i = events.length;
  for (; i > 0; i--) {
    const before = events[i - 1] as PanelEvent;
    const separator = before.kind === 'navigation' && before.separator;
    if (before.pageN !== event.pageN || separator || !(before.at > event.at)) break;
  }
  events.splice(i, 0, event);
}

/** A new page of the journey: kept after the earlier ones (preserve) or instead of them. */
function startPage(log: LogState, snap: Snapshot): LogState {
  const n = (log.pages.at(-1)?.n ?? 0) + 1;
  const kept = log.preserve ? log.pages : [];
  const overflow = Math.max(0, kept.length + 1 - PAGE_CAP);
  const separator = makeEvent(
    { data: { kind: 'navigation', url: snap.page.url, separator: true }, at: 0, severity: null },
    log.nextSeq,
    n,
  );
  return {
    ...log,
    events: log.preserve ? [...log.events, separator] : [separator],
    dropped: log.preserve ? log.dropped : 0,
    nextSeq: log.nextSeq + 1,
    pages: [...kept.slice(overflow), { n, page: snap.page, findings: snap.findings }],
    droppedPages: log.droppedPages + overflow,
    keys: new Map(),
  };
}

function applyDrafts(log: LogState, drafts: readonly EventDraft[], pageN: number): LogState {
  if (!drafts.length) return log;
  const events = log.events.slice();
  const keys = new Map(log.keys);
  let nextSeq = log.nextSeq;
  for (const draft of drafts) {
    const existing = keys.get(draft.key);
    if (draft.mode === 'update') {
      const i = existing === undefined ? -1 : indexOfSeq(events, existing);
      const row = events[i];
      if (row) events[i] = makeEvent(draft.keepTime ? { ...draft, at: row.at } : draft, row.seq, pageN);
      continue;
    }
    insertByTime(events, makeEvent(draft, nextSeq, pageN));
    keys.set(draft.key, nextSeq++);
  }
  const excess = Math.max(0, events.length - EVENT_CAP);
  if (excess) events.splice(0, excess);
  return { ...log, events, keys, nextSeq, dropped: log.dropped + excess };
}

/** Within this, an earlier start of a page with the same URL is the same page re-timed. */
const RETIME_MS = 60_000;

/**
 * Whether `next` is the live page again. A page is known by its start time, but the
 * background moves the start back to the document's own clock when the navigation commit
 * came before the document's first message (same URL, slightly earlier start).
 */
function isLivePage(live: PageState, next: PageState): boolean {
  const earlier = live.startedAt - next.startedAt;
  return earlier === 0 || (earlier > 0 && earlier < RETIME_MS && next.url === live.url);
}

/**
 * Folds one snapshot into the log; snapshots come in the order the background sent them.
 * `now` (epoch ms) times what has no time of its own (links, clicks, the cookie, findings)
 * when the panel saw it appear; what a page already had when the panel first saw it, on a
 * page that started before the panel watched (the first one), has no time. A snapshot older
 * than the live page that is not the live page re-timed arrived late: ignored.
 */
export function ingest(log: LogState, snap: Snapshot, now: number): LogState {
  const live = log.pages.at(-1);
  const same = live !== undefined && isLivePage(live.page, snap.page);
  if (live && !same && snap.page.startedAt < live.page.startedAt) return log;
  const started = same ? log : startPage(log, snap);
  const current = started.pages.at(-1) as JourneyPage;
  // A new page after one the panel followed started while the panel watched.
  const watched = live !== undefined;
  const drafts = diffPage(same ? live : undefined, snap, watched ? now - snap.page.startedAt : Number.NaN);
  const next = applyDrafts(started, drafts, current.n);
  const pages = [...next.pages.slice(0, -1), { n: current.n, page: snap.page, findings: snap.findings }];
  return { ...next, pages };
}

/** Empties the log; the live page stays known, so only what happens next is logged. */
export function clearLog(log: LogState): LogState {
  return { ...log, events: [], dropped: 0, pages: log.pages.slice(-1), droppedPages: 0, keys: new Map() };
}

/** The log with preserve log switched on or off (it applies from the next navigation). */
export function setPreserve(log: LogState, preserve: boolean): LogState {
  return { ...log, preserve };
}
