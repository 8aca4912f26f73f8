/**
 * Delivers one frame's `page-events` to the background, in order, each until the background
 * answered it. The browser may stop the service worker at any moment: a message it was handling
 * then gets no answer, and sent once it would be lost (a transaction made just before the stop
 * never reported). Each message carries the document's next number, so one resent after its
 * answer was lost is applied only once (src/store/delivered.ts).
 */
import type { ToBackground } from '../protocol/messages';

type PageEvents = Extract<ToBackground, { type: 'page-events' }>;

/** Waits before each new try: a stopped worker restarts on the next message, in ~0.1–1 s. */
export const RETRY_MS = [100, 250, 500, 1000, 2000, 4000] as const;

/** One frame's sender of `page-events`. */
export class Courier {
  private seq = 0;
  private last: Promise<boolean> = Promise.resolve(true);

  constructor(
    private readonly send: (message: PageEvents) => Promise<unknown>,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /**
   * Sends `message` once every earlier one was answered (or given up on). Resolves true once it
   * was answered, false when no try got an answer (the extension was removed or reloaded).
   */
  deliver(message: Omit<PageEvents, 'seq'>): Promise<boolean> {
    const numbered: PageEvents = { ...message, seq: ++this.seq };
    this.last = this.last.then(() => this.attempt(numbered));
    return this.last;
  }

  private async attempt(message: PageEvents): Promise<boolean> {
    for (const ms of [0, ...RETRY_MS]) {
      if (ms > 0) await this.wait(ms);
      try {
        await this.send(message);
        return true;
      } catch {
        // No answer: the worker stopped (it starts again for the next try), or is gone for good.
      }
    }
    return false;
  }
}
