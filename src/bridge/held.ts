/**
 * The bridge's scan for loader scripts held back by a consent manager or a speed optimizer:
 * one query for the scripts that cannot run as they stand (a non-JavaScript type, or a URL
 * parked in a data attribute), each element classified once.
 */
import { classifyHeldScript } from '../detect/held-script';
import type { BridgeEvent } from '../protocol/messages';

/**
 * Scripts that may be held. Most pages have a handful (JSON-LD, templates), and their text is
 * read only when the type is not a data block (see classifyHeldScript).
 */
const MAYBE_HELD =
  'script[type]:not([type=""]):not([type="text/javascript" i]):not([type="module"]):not([type="application/javascript" i]),' +
  'script[data-src]:not([src]),script[data-rocket-src]:not([src])';

/** Held-script events a document may send in all (a page can add scripts in a loop). */
const MAX_HELD = 20;

/** Tracks the elements already classified in one document. */
export interface HeldScan {
  seen: WeakSet<Element>;
  sent: number;
}

/** A new scan state for one document. */
export function newHeldScan(): HeldScan {
  return { seen: new WeakSet(), sent: 0 };
}

/** Events for the held loader scripts added since the last scan. */
export function scanHeldScripts(doc: Document, scan: HeldScan): BridgeEvent[] {
  const out: BridgeEvent[] = [];
  if (scan.sent >= MAX_HELD) return out;
  for (const el of Array.from(doc.querySelectorAll<HTMLScriptElement>(MAYBE_HELD))) {
    if (scan.seen.has(el)) continue;
    scan.seen.add(el);
    const held = classifyHeldScript({
      attrs: el.attributes,
      get text() {
        return el.text;
      },
    });
    if (held === null) continue;
    out.push({ t: 'held-script', ...held });
    if (++scan.sent >= MAX_HELD) break;
  }
  return out;
}
