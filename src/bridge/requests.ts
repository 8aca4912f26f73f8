/**
 * Partnero requests as the page's own Resource Timing shows them, for a browser where the
 * extension does not hold `webRequest` (the Chromium build: holding it makes Chromium route
 * every request of every page through the browser process, README "Page load"). Started only
 * once the page shows Partnero; `buffered` brings the requests made before that.
 */
import { isPartneroUrl } from '../detect/partnero';
import type { BridgeEvent } from '../protocol/messages';
import { cap } from './limits';

/** The fields of a resource entry read here (PerformanceResourceTiming). */
interface ResourceEntry {
  name: string;
  initiatorType: string;
  startTime: number;
  duration: number;
  responseStatus?: number;
}

/** The event for one Partnero resource entry, or null for any other entry. */
export function requestEvent(entry: ResourceEntry): BridgeEvent | null {
  if (typeof entry.name !== 'string' || !isPartneroUrl(entry.name)) return null;
  const status = entry.responseStatus;
  return {
    t: 'request',
    url: cap(entry.name),
    type: cap(String(entry.initiatorType), 30),
    at: entry.startTime,
    duration: Math.round(entry.duration),
    // 0: no status the page may read (a cross-origin script, a network error).
    ...(typeof status === 'number' && status > 0 && { status }),
  };
}

/** Returns a function that starts the watch (once; later calls do nothing). */
export function partneroRequests(win: Window, emit: (e: BridgeEvent) => void): () => void {
  let started = false;
  return () => {
    const Observer = (win as unknown as typeof globalThis).PerformanceObserver;
    if (started || typeof Observer !== 'function') return;
    started = true;
    try {
      new Observer((list: PerformanceObserverEntryList) => {
        for (const entry of list.getEntries()) {
          const e = requestEvent(entry as unknown as ResourceEntry);
          if (e) emit(e);
        }
      }).observe({ type: 'resource', buffered: true });
    } catch {
      // No resource timing here (an old engine): the page's errors still show failed scripts.
    }
  };
}
