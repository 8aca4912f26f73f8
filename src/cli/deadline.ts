/**
 * Every wait on a browser or a page is bounded on Node's side: a page can block its own
 * timers or its main thread, and a browser can hang, but neither may hold the check past its
 * limits. The timer is cleared either way: a pending timer keeps Node's event loop alive (an
 * uncleared 5 s bound once held every CLI run open ~5 s after its report).
 */

/** `work`'s value, or null when it does not settle within `ms`; a rejection passes through. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether `settled` settles (fulfilled or rejected) within `ms`. */
export async function within(settled: Promise<unknown>, ms: number): Promise<boolean> {
  const done = settled.then(
    () => true,
    () => true,
  );
  return (await withDeadline(done, ms)) ?? false;
}
