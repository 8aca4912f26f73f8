// @vitest-environment node
/** The bridge's outbox: capped by count and size, and every event a cap costs is counted. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { Outbox } from '../outbox';

const call = (i: number) => ({ t: 'call', name: 'po', args: ['track', i], at: i });
const loaded = { t: 'loaded', at: 1 } as const;

describe('Outbox', () => {
  it('sends what waits, in order, with no dropped event when nothing was lost', () => {
    const box = new Outbox();
    box.add({ hookBatch: JSON.stringify([call(1), call(2)]) });
    box.add(loaded);
    const { events } = box.take();
    expect(events.map((e) => e.t)).toEqual(['call', 'call', 'loaded']);
    expect(box.empty).toBe(true);
    expect(box.take().events).toEqual([]);
  });

  it('counts every page event past the count cap, once, in the next take', () => {
    const box = new Outbox();
    for (let i = 0; i < LIMITS.pending + 7; i++) box.add({ hookBatch: JSON.stringify([call(i)]) });
    const { events } = box.take();
    expect(events).toHaveLength(LIMITS.pending + 1);
    expect(events.at(-1)).toEqual({ t: 'dropped', count: 7 });
    expect(box.take().events).toEqual([]);
  });

  it("never lets a page's flood push out the bridge's own events", () => {
    const box = new Outbox();
    for (let i = 0; i < 10; i++)
      box.add({
        hookBatch: JSON.stringify(Array.from({ length: LIMITS.batch }, (_, j) => call(i * 1000 + j))),
      });
    for (let i = 0; i < LIMITS.pending + 5; i++) box.add({ hookBatch: JSON.stringify([call(i)]) });
    box.add(loaded);
    const { events } = box.take();
    expect(events.filter((e) => e.t === 'call')).toHaveLength(LIMITS.pending);
    expect(events.filter((e) => e.t === 'loaded')).toEqual([loaded]);
    expect(events.at(-1)).toEqual({ t: 'dropped', count: 10 * LIMITS.batch + 5 });
  });

  it('counts the events of a hook batch past the size cap, and those of a batch past its own cap', () => {
    const box = new Outbox();
    const huge = JSON.stringify([{ ...call(0), args: ['x'.repeat(LIMITS.pendingChars)] }, call(1)]);
    box.add({ hookBatch: huge });
    box.add({ hookBatch: JSON.stringify(Array.from({ length: LIMITS.batch + 3 }, (_, i) => call(i))) });
    const { events } = box.take();
    expect(events.filter((e) => e.t === 'call')).toHaveLength(LIMITS.batch);
    expect(events.at(-1)).toEqual({ t: 'dropped', count: 2 + 3 });
  });
});
