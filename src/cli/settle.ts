/**
 * The check's adaptive watch: after `load`, the page is asked every POLL_MS whether it has
 * settled (src/watch/settle.ts) and its watch ends as soon as it has, or at `--wait` after
 * `load` at the latest. The page's own pending work and the document's quiet time come from
 * the driver's counter in the page (src/cli/page-work.ts); the rest is the extension's record.
 */
import type { Page } from 'puppeteer-core';
import { AutomationError, askExtension } from './automation';
import type { Interception } from './intercept';
import type { PageWatchReading } from './page-work';

/** How long to wait between two asks. */
const POLL_MS = 40;

/**
 * Waits until the page has settled, or `remainingMs` passed (the rest of `--wait` after
 * `load`). A page that holds the channel back or never answers gets the whole watch; ending
 * it then says why (src/cli/check.ts). A page whose counter cannot be read counts as busy.
 */
export async function settleWatch(
  page: Page,
  traffic: Interception,
  read: () => Promise<PageWatchReading | undefined>,
  remainingMs: number,
): Promise<void> {
  const end = Date.now() + remainingMs;
  const left = () => Math.max(0, end - Date.now());
  while (left() > 0) {
    const reading = await read();
    const answer = reading
      ? await askExtension(
          page,
          { op: 'activity', ...reading, bodies: await traffic.takeObserved(0) },
          Math.max(left(), 1),
        ).catch((err: unknown) => {
          if (err instanceof AutomationError) return null;
          throw err;
        })
      : null;
    if (answer?.settled) return;
    // Asked again when it would settle if nothing changes (soon anyway: something may).
    const next = answer?.settlesIn ?? POLL_MS;
    await new Promise((r) => setTimeout(r, Math.min(Math.max(next, 5), POLL_MS * 4, left())));
  }
}
