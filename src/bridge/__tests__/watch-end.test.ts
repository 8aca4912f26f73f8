import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToBackground } from '../../protocol/messages';
import { SETTLE } from '../../watch/settle';
import { endWatchWhenSettled, nextAskIn } from '../watch-end';

describe("the extension's own end of watch", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Runs the watch of a page loaded at 0 with `answers` (true: the background ended it). */
  function watch(graceMs: number, answers: (msg: ToBackground, at: number) => boolean, loading = () => 0) {
    const sent: [number, ToBackground][] = [];
    let ended = 0;
    endWatchWhenSettled(window, performance.now(), graceMs, {
      changedAt: () => performance.now() - 300,
      loading,
      flush: () => Promise.resolve(),
      send: async (msg) => {
        const at = Math.round(performance.now() - start);
        sent.push([at, msg]);
        return answers(msg, at);
      },
      ended: () => {
        ended++;
      },
    });
    const start = performance.now();
    return { sent, ended: () => ended };
  }

  it('asks from SETTLE.minMs after load on, telling how long the document has been quiet; ends once it has settled', async () => {
    const w = watch(3000, (_msg, at) => at >= 1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(w.sent[0]).toEqual([SETTLE.minMs, { type: 'watch-end', domQuiet: 300, loading: 0 }]);
    expect(w.sent.at(-1)?.[0]).toBeGreaterThanOrEqual(1000);
    expect(w.sent.every(([, m]) => m.type === 'watch-end' && m.domQuiet === 300)).toBe(true);
    expect(w.ended()).toBe(1);
    const count = w.sent.length;
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.sent).toHaveLength(count);
  });

  it('asks again when the background says the page would settle, not every 250 ms: two messages on a quiet page', async () => {
    // The extension cannot see a page's timers: a quiet page settles 1 s after load at the earliest.
    const w = watch(3000, (_msg, at) => (at >= 1000 ? true : ((1000 - at) as unknown as boolean)));
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.sent.map(([at]) => at)).toEqual([SETTLE.minMs, 1000]);
    expect(w.ended()).toBe(1);
  });

  it('an answer that is not a time (unknown: a request under way) means asking again in 250 ms; never sooner than 50 ms', () => {
    expect([false, null, undefined, 'soon', -1, Number.NaN, Number.POSITIVE_INFINITY].map(nextAskIn)).toEqual(
      Array(7).fill(250),
    );
    expect([0, 10, 700].map(nextAskIn)).toEqual([50, 50, 700]);
  });

  it('tells how many scripts inserted after load are still loading, at each ask', async () => {
    let loading = 2;
    const w = watch(
      3000,
      () => false,
      () => loading,
    );
    await vi.advanceTimersByTimeAsync(SETTLE.minMs);
    loading = 0;
    await vi.advanceTimersByTimeAsync(300);
    const told = w.sent.map(([, m]) => (m.type === 'watch-end' ? m.loading : undefined));
    expect(told.slice(0, 2)).toEqual([2, 0]);
  });

  it('a page that never settles: the watch ends at the grace period, unconditionally', async () => {
    const w = watch(1500, () => false);
    await vi.advanceTimersByTimeAsync(2000);
    expect(w.sent.at(-1)).toEqual([1500, { type: 'watch-end' }]);
    expect(w.ended()).toBe(1);
  });

  it('no answer (the worker is gone) counts as not yet, until the grace period', async () => {
    const sent: ToBackground[] = [];
    let ended = false;
    endWatchWhenSettled(window, performance.now(), 1000, {
      changedAt: () => 0,
      loading: () => 0,
      flush: () => Promise.resolve(),
      send: (msg) => {
        sent.push(msg);
        return Promise.reject(new Error('no receiver'));
      },
      ended: () => {
        ended = true;
      },
    });
    await vi.advanceTimersByTimeAsync(900);
    expect(ended).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(ended).toBe(true);
    expect(sent.at(-1)).toEqual({ type: 'watch-end' });
  });
});
