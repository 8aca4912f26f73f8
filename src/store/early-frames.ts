/**
 * Frames' reports that a page got before its top document spoke for it. The top frame's commit
 * can be heard late or not at all (a tab older than the extension, a worker whose listeners came
 * up after the navigation), and a frame's report can arrive before the top frame's first one:
 * it is applied to whatever page the tab had. When the top document then starts its page anew,
 * the reports of frames that started after it are that page's, so they are applied again to it
 * instead of being lost with the page they first went to. Plain data: the background feeds it.
 */
import type { TabState } from '../model/types';
import type { BridgeEvent } from '../protocol/messages';
import { applyEvents, type FrameInfo } from './reducer';

/** What one tab holds; the page can make frames report a lot before its top document speaks. */
export const EARLY_CAPS = { reports: 1000, events: 5000, chars: 2_000_000 } as const;

/** One frame's report, or (events empty, `lost` > 0) how many events a cap kept us from holding. */
interface Report {
  from: FrameInfo;
  events: BridgeEvent[];
  /** Rough size of `events` (their JSON). */
  chars: number;
  lost: number;
}

interface Held {
  /** `startedAt` of the page the top document spoke for, until the tab navigates again. */
  confirmedAt?: number;
  reports: Report[];
  events: number;
  chars: number;
  /** Events of reports past the count cap: not placed by time, counted on the next page. */
  unplaced: number;
}

const empty = (): Held => ({ reports: [], events: 0, chars: 0, unplaced: 0 });

/** Per tab: the frames' reports held until the page's top document spoke for it. */
export class EarlyFrames {
  private readonly tabs = new Map<number, Held>();

  /** The top document spoke for the page that started at `startedAt`: nothing more to hold. */
  confirm(tabId: number, startedAt: number): void {
    this.tabs.set(tabId, { ...empty(), confirmedAt: startedAt });
  }

  /** The top frame starts navigating: the frames that report next may be the next page's. */
  navigating(tabId: number): void {
    const held = this.tabs.get(tabId);
    if (held) held.confirmedAt = undefined;
  }

  /** A subframe's report, just applied to the tab's page (started at `startedAt`). */
  keep(tabId: number, startedAt: number, from: FrameInfo, events: BridgeEvent[]): void {
    const held = this.tabs.get(tabId) ?? empty();
    this.tabs.set(tabId, held);
    if (held.confirmedAt === startedAt || events.length === 0) return;
    if (held.reports.length >= EARLY_CAPS.reports) {
      held.unplaced += events.length;
      return;
    }
    const chars = JSON.stringify(events).length;
    const fits = held.events + events.length <= EARLY_CAPS.events && held.chars + chars <= EARLY_CAPS.chars;
    if (!fits) {
      held.reports.push({ from, events: [], chars: 0, lost: events.length });
      return;
    }
    held.reports.push({ from, events, chars, lost: 0 });
    held.events += events.length;
    held.chars += chars;
  }

  /**
   * The tab's page was just reset: the held reports of frames whose document started at or after
   * `since` are applied to the new page (and held for it); the others were the old page's.
   * What caps kept us from holding is counted as dropped on the new page.
   */
  replay(tabId: number, tab: TabState, since: number): void {
    const held = this.tabs.get(tabId);
    if (!held) return;
    const next = empty();
    for (const r of held.reports) {
      if (r.from.timeOrigin < since) continue;
      next.reports.push(r);
      next.events += r.events.length;
      next.chars += r.chars;
      if (r.events.length > 0) applyEvents(tab, r.from, r.events);
      tab.page.dropped += r.lost;
    }
    tab.page.dropped += held.unplaced;
    this.tabs.set(tabId, next);
  }

  /** The tab closed. */
  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}

/** The background's one tracker. */
export const earlyFrames = new EarlyFrames();
