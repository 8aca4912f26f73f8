/**
 * The bridge's time-slicing: a scan's steps run at once or in slices of a few milliseconds,
 * each slice in an idle moment of the page, and scans never overlap.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drain, oneAtATime, type Steps, sliced } from '../slices';

/** Steps that each take `ms` of the page's clock, noting whether each resumed after a pause. */
function* work(clock: { now: number }, steps: number, ms: number, resumed: boolean[]): Steps<string> {
  for (let i = 0; i < steps; i++) {
    clock.now += ms;
    resumed.push((yield) === true);
  }
  return 'done';
}

/** A window whose clock is `clock`, with or without requestIdleCallback. */
function fakeWindow(clock: { now: number }, idle: 'idle' | 'no idle' | 'timed out') {
  const calls: string[] = [];
  const win = {
    performance: { now: () => clock.now },
    setTimeout: (fn: () => void) => {
      calls.push('setTimeout');
      return setTimeout(fn, 0);
    },
    ...(idle !== 'no idle' && {
      requestIdleCallback: (fn: IdleRequestCallback, opts?: IdleRequestOptions) => {
        calls.push(`idle ${opts?.timeout}`);
        setTimeout(() => fn({ didTimeout: idle === 'timed out', timeRemaining: () => 3 }), 0);
        return 1;
      },
    }),
  };
  return { win: win as unknown as Window, calls };
}

describe('drain', () => {
  it('runs every step at once, never reporting a pause', () => {
    const resumed: boolean[] = [];
    expect(drain(work({ now: 0 }, 100, 1, resumed))).toBe('done');
    expect(resumed).toHaveLength(100);
    expect(resumed.some(Boolean)).toBe(false);
  });
});

describe('sliced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each<{ idle: 'idle' | 'no idle' | 'timed out'; slice: number; wait: string }>([
    // The first slice is 8 ms; later ones last what the idle period has left (3 ms here).
    { idle: 'idle', slice: 3, wait: 'idle 100' },
    // An idle callback that timed out (a page never idle) still gets a whole slice.
    { idle: 'timed out', slice: 8, wait: 'idle 100' },
    { idle: 'no idle', slice: 8, wait: 'setTimeout' },
  ])('$idle: pauses once a slice is over, and resumes knowing it paused', async ({ idle, slice, wait }) => {
    const clock = { now: 0 };
    const { win, calls } = fakeWindow(clock, idle);
    const resumed: boolean[] = [];
    const result = sliced(win, work(clock, 40, 1, resumed));
    await vi.runAllTimersAsync();
    expect(await result).toBe('done');
    // Steps take 1 ms each: the pause comes after the step that used up the slice.
    const pauses = resumed.flatMap((r, k) => (r ? [k + 1] : []));
    expect(pauses[0]).toBe(8);
    expect(pauses[1]).toBe(8 + slice);
    expect(new Set(calls)).toEqual(new Set([wait]));
    expect(calls).toHaveLength(pauses.length);
  });

  it('a small scan finishes in its first slice, without waiting', async () => {
    const clock = { now: 0 };
    const { win, calls } = fakeWindow(clock, 'idle');
    const done = vi.fn();
    void sliced(win, work(clock, 5, 1, [])).then(done);
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toHaveBeenCalledWith('done');
    expect(calls).toEqual([]);
  });
});

describe('oneAtATime', () => {
  it('runs one at a time; calls made during a run share one more run after it', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    let n = 0;
    const run = oneAtATime(async () => {
      const k = ++n;
      log.push(`start ${k}`);
      await new Promise<void>((r) => {
        release = r;
      });
      log.push(`end ${k}`);
    });
    const first = run();
    const second = run();
    const third = run();
    expect(second).toBe(third);
    release();
    await first;
    await Promise.resolve();
    expect(log).toEqual(['start 1', 'end 1', 'start 2']);
    release();
    await second;
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('a failed run does not stop the next', async () => {
    let n = 0;
    const run = oneAtATime(async () => {
      if (++n === 1) throw new Error('boom');
    });
    await run();
    await run();
    expect(n).toBe(2);
  });
});
