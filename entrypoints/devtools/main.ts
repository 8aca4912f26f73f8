/**
 * The DevTools page: adds the "Partnero" panel, and forwards the response bodies (and
 * statuses) of Partnero tracking calls to the background. They are read here rather than in
 * the panel because this page runs as soon as DevTools opens, while the panel page only
 * loads once its tab is first shown: requests made before that would lose their bodies.
 */
import { browser } from 'wxt/browser';
import { type HarEntry, observedResponse, wantsBody } from '../../src/panel/bodies';
import type { ObservedResponse, ToBackground } from '../../src/protocol/messages';

/** Bodies are sent in small batches: a page firing many calls costs one message per burst. */
const BATCH_MS = 200;

void browser.devtools.panels.create('Partnero', '/icon/32.png', '/devtools-panel.html');

const tabId = browser.devtools.inspectedWindow.tabId;
let pending: ObservedResponse[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

function flush(): void {
  timer = undefined;
  const bodies = pending;
  pending = [];
  const msg: ToBackground = { type: 'response-bodies', tabId, bodies };
  void browser.runtime.sendMessage(msg).catch(() => undefined);
}

browser.devtools.network.onRequestFinished.addListener((request) => {
  const entry = request as unknown as HarEntry;
  if (!wantsBody(entry)) return;
  void Promise.resolve(request.getContent() as unknown)
    .then((result) => {
      const observed = observedResponse(entry, result);
      if (!observed) return;
      pending.push(observed);
      if (timer === undefined) timer = setTimeout(flush, BATCH_MS);
    })
    .catch(() => undefined);
});
