/**
 * Time-slicing for the bridge's scans. A scan is written as a generator that yields between
 * small steps; it runs either at once (`drain`) or in slices of a few milliseconds, each in an
 * idle moment of the page (`sliced`), so a page adding 50,000 links never waits on the
 * bridge for long: no frame, click or key press is held up by more than one slice.
 */

/**
 * A scan's steps: each `yield` is a point where it may pause. It resumes with `true` after a
 * pause, when the page may have changed in between (and what it knew of the DOM may be stale).
 */
export type Steps<T> = Generator<void, T, boolean | undefined>;

/** Longest slice, ms: a scan leaves most of each 60 Hz frame to the page. */
const SLICE_MS = 8;
/** Longest wait for an idle moment, ms: a page that is never idle still gets scanned. */
const IDLE_WAIT_MS = 100;

/** Runs `steps` to the end without pausing (unit tests; small documents). */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next(false);
    if (step.done) return step.value;
  }
}

/**
 * Runs `steps` in slices of at most SLICE_MS (plus one step), the first at once and each
 * later one in the page's next idle period (requestIdleCallback, in Chrome and Firefox alike;
 * a new task where there is none). Small documents finish in the first slice.
 */
export async function sliced<T>(win: Window, steps: Steps<T>): Promise<T> {
  let end = win.performance.now() + SLICE_MS;
  let paused = false;
  for (;;) {
    const step = steps.next(paused);
    if (step.done) return step.value;
    paused = win.performance.now() >= end;
    if (paused) end = await nextSlice(win);
  }
}

/** Resolves at the start of the next slice, with the time that slice ends. */
function nextSlice(win: Window): Promise<number> {
  return new Promise((resolve) => {
    const begin = (ms: number) => resolve(win.performance.now() + Math.max(1, Math.min(SLICE_MS, ms)));
    if (typeof win.requestIdleCallback !== 'function') win.setTimeout(() => begin(SLICE_MS), 0);
    else
      win.requestIdleCallback((idle) => begin(idle.didTimeout ? SLICE_MS : idle.timeRemaining()), {
        timeout: IDLE_WAIT_MS,
      });
  });
}

/**
 * `run`, one at a time: a call while it runs asks for one more run after it (the calls made
 * meanwhile share it), and resolves once a run that started after the call has ended.
 */
export function oneAtATime(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const start = (): Promise<void> => {
    // A failed run must not stop the ones after it.
    const current = run().catch(() => undefined);
    running = current.finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return start();
    queued ??= running.then(() => {
      queued = null;
      return start();
    });
    return queued;
  };
}
