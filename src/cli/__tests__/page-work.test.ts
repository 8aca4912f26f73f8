import { afterEach, describe, expect, it, vi } from 'vitest';
import { countRequests, countTimers } from '../page-work';

type Reading = { timers: number; requests: number; domQuiet: number };
let n = 0;
/** Installs the counter under a key of its own (its property cannot be removed); returns its reader. */
function install(horizonMs = 1000): () => Reading {
  const key = `__pi_test${++n}`;
  countTimers(`${key}t`, horizonMs);
  countRequests(`${key}r`);
  const w = window as unknown as Record<string, () => unknown>;
  return () => ({ timers: w[`${key}t`]?.(), ...(w[`${key}r`]?.() as object) }) as Reading;
}

describe("countTimers / countRequests: the page's own pending work, counted in its main world", () => {
  const { setTimeout: setT, clearTimeout: clearT, fetch: fetchOf } = window;
  afterEach(() => {
    Object.assign(window, { setTimeout: setT, clearTimeout: clearT, fetch: fetchOf });
  });

  it('counts short timers until they run or are cleared; long ones are not waited for', async () => {
    const read = install();
    const ran: string[] = [];
    window.setTimeout(() => ran.push('a'), 5);
    const b = window.setTimeout(() => ran.push('b'), 10);
    window.setTimeout(() => ran.push('late'), 5000);
    expect(read().timers).toBe(2);
    window.clearTimeout(b);
    expect(read().timers).toBe(1);
    await new Promise((r) => setT(r, 30));
    expect(ran).toEqual(['a']);
    expect(read().timers).toBe(0);
  });

  it('passes the arguments and `this` through, and returns the id clearTimeout takes', async () => {
    install();
    const got = await new Promise((resolve) =>
      window.setTimeout((...args: unknown[]) => resolve(args), 1, 'x', 2),
    );
    expect(got).toEqual(['x', 2]);
  });

  it('counts fetch requests until they settle, failed ones too', async () => {
    let finish: (v: Response) => void = () => undefined;
    window.fetch = vi.fn(() => new Promise<Response>((r) => (finish = r))) as typeof fetch;
    const read = install();
    const answer = window.fetch('https://example.com/api');
    expect(read().requests).toBe(1);
    finish(new Response('ok'));
    await answer;
    await Promise.resolve();
    expect(read().requests).toBe(0);
    window.fetch = vi.fn(() => Promise.reject(new Error('offline'))) as typeof fetch;
    const again = install();
    await window.fetch('https://example.com/api').catch(() => undefined);
    await Promise.resolve();
    expect(again().requests).toBe(0);
  });

  it('notes when the document last changed', async () => {
    const read = install();
    await new Promise((r) => setT(r, 30));
    expect(read().domQuiet).toBeGreaterThanOrEqual(20);
    document.body.append(document.createElement('a'));
    await Promise.resolve();
    await new Promise((r) => setT(r, 0));
    expect(read().domQuiet).toBeLessThan(20);
  });
});
