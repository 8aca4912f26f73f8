/**
 * Talks to the installed extension through the page, the one way that works the same in
 * Chromium and Firefox (automation cannot open Firefox's extension pages). The page only ever
 * carries sealed envelopes (src/protocol/sealed.ts): requests and answers are encrypted and
 * authenticated with the run's key, which the CLI wrote into its own copy of the extension and
 * which no page sees. A page can hold an answer back — then the check fails (exit 2) — but it
 * cannot read, forge, alter or replay one. The in-page part runs in Puppeteer's isolated world
 * where the browser offers one, so page scripts cannot meddle with its listeners either.
 */
import type { Browser, Frame, Page } from 'puppeteer-core';
import {
  AUTOMATION_REQUEST,
  AUTOMATION_RESPONSE,
  type AutomationAnswer,
  type AutomationRequest,
} from '../protocol/messages';
import { importKey, seal, unseal } from '../protocol/sealed';
import { withDeadline } from './deadline';

/** The run's key of each browser the CLI launched. */
const keys = new WeakMap<Browser, Promise<CryptoKey | null>>();

/** Registers the key written into the extension copy `browser` was started with. */
export function useAutomationKey(browser: Browser, hex: string): void {
  keys.set(browser, importKey(hex));
}

/** The extension did not answer, or nothing that came back was its answer. */
export class AutomationError extends Error {}

type Evaluator = Pick<Frame, 'evaluate'>;

/** Puppeteer's isolated world of the page's main frame when there is one, else the frame. */
export function realmOf(page: Page): Evaluator {
  const frame = page.mainFrame() as Frame & { isolatedRealm?: () => Evaluator };
  return typeof frame.isolatedRealm === 'function' ? frame.isolatedRealm() : frame;
}

/**
 * In the page: (once) keeps every answer event per request id, optionally sends `sealed`, then
 * returns the answers for `id` as soon as there is one, or [] after `waitMs`.
 */
function exchange(id: string, sealed: string | null, names: [string, string], waitMs: number) {
  type Inbox = Map<string, string[]>;
  const g = globalThis as unknown as { __partneroInbox?: Inbox };
  if (!g.__partneroInbox) {
    const inbox: Inbox = new Map();
    g.__partneroInbox = inbox;
    document.addEventListener(names[1], (e) => {
      const detail = (e as CustomEvent).detail;
      if (typeof detail !== 'string' || detail.length > 64_000_000) return;
      try {
        const { id: to, sealed: body } = JSON.parse(detail) as { id?: unknown; sealed?: unknown };
        if (typeof to === 'string' && typeof body === 'string')
          inbox.set(to, [...(inbox.get(to) ?? []), body]);
      } catch {
        // Not an envelope: nothing to keep.
      }
    });
  }
  const inbox = g.__partneroInbox;
  if (sealed !== null)
    document.dispatchEvent(new CustomEvent(names[0], { detail: JSON.stringify({ id, sealed }) }));
  return new Promise<string[]>((resolve) => {
    const started = Date.now();
    const poll = () => {
      const got = inbox.get(id) ?? [];
      if (got.length > 0 || Date.now() - started >= waitMs) {
        inbox.delete(id);
        resolve(got);
      } else setTimeout(poll, 10);
    };
    poll();
  });
}

/**
 * How long past `timeoutMs` an ask waits for the page to hand back what it holds: the page's
 * own poll ends at `timeoutMs`, then it has this long to run (a long task of its own). A page
 * whose main thread never comes back costs `timeoutMs` and this, not more.
 */
const HAND_BACK_MS = 2_000;

/**
 * Asks the extension about the tab of `page`. Answers that do not open with the run's key, or
 * name another request, are ignored; none in `timeoutMs` is an AutomationError.
 */
export async function askExtension<R extends AutomationRequest>(
  page: Page,
  request: R,
  timeoutMs = 20_000,
): Promise<AutomationAnswer<R>> {
  const key = await (keys.get(page.browser()) ?? Promise.resolve(null));
  if (!key) throw new AutomationError('this browser was not started with an automation key');
  const deadline = Date.now() + timeoutMs;
  let id = globalThis.crypto.randomUUID();
  let sealed: string | null = await seal(key, { id, at: Date.now(), request });
  while (Date.now() < deadline) {
    const wait = Math.max(0, deadline - Date.now());
    const asked = realmOf(page)
      .evaluate(exchange, id, sealed, [AUTOMATION_REQUEST, AUTOMATION_RESPONSE] as [string, string], wait)
      .catch(() => undefined);
    const answers = await withDeadline(asked, wait + HAND_BACK_MS);
    sealed = null;
    if (answers === undefined) {
      if (page.isClosed()) break;
      // The document went away mid-ask (the page moved itself): ask its successor, anew.
      id = globalThis.crypto.randomUUID();
      sealed = await seal(key, { id, at: Date.now(), request });
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    for (const text of answers ?? []) {
      const body = (await unseal(key, text)) as {
        id?: string;
        response?: AutomationAnswer<R>;
        error?: string;
      } | null;
      if (body?.id !== id) continue;
      if (body.response) return body.response;
      throw new AutomationError(body.error ?? 'the extension could not answer');
    }
    if (answers === null) break;
  }
  throw new AutomationError('the extension did not answer (or its answer was held back by the page)');
}
