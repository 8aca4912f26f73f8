/**
 * The MAIN-world hook. On a page without Partnero it must leave no trace a page can read: it
 * adds no property, accessor or global, patches nothing, sends nothing the page can see, and
 * reads nothing of the page's. All it does there is hold a private channel to the bridge
 * (src/hook/channel.ts) and listen for `po is not defined` (src/hook/errors.ts).
 *
 * Partnero is noticed by its effects, by the bridge: the loader's `<script src=…/universal.js>`
 * insertion (a microtask after the inline loader ran, when `window.__partnerObject` and
 * `window.po` are plain data properties and the calls made so far wait in `po.q`), and that
 * script's `load`. Each time, the bridge asks the hook to look at the queue
 * (src/hook/queue.ts), which records the waiting calls and puts a recording wrapper in `po`'s
 * value, keeping it the data property the page made.
 */
import { openChannel } from './channel';
import { watchPageErrors } from './errors';
import { watchQueues } from './queue';

/** Installs the hook in `w`; runs at document_start, before any page script. */
export function installHook(w: Window & typeof globalThis): void {
  const perf = w.performance;
  const now = perf.now.bind(perf);
  const channel = openChannel(w);
  watchPageErrors(w, channel.emit, now);
  channel.onQuery(watchQueues(w, channel.emit, now));
}
