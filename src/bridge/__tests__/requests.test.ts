import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../protocol/messages';
import { partneroRequests, requestEvent } from '../requests';

const entry = (name: string, initiatorType = 'script', responseStatus = 0) => ({
  name,
  initiatorType,
  startTime: 12.5,
  duration: 30.4,
  responseStatus,
});

describe('requestEvent', () => {
  it('a Partnero resource: its URL, initiator, time and, when the page may read it, its status', () => {
    expect(requestEvent(entry('https://app.partnero.com/pub/v1/transactions', 'fetch', 422))).toEqual({
      t: 'request',
      url: 'https://app.partnero.com/pub/v1/transactions',
      type: 'fetch',
      at: 12.5,
      duration: 30,
      status: 422,
    });
    // A cross-origin script's status reads 0: unknown, not a failure.
    expect(requestEvent(entry('https://app.partnero.com/js/universal.js'))).not.toHaveProperty('status');
  });

  it('anything else is not ours, look-alike hosts included', () => {
    for (const name of [
      'https://cdn.example.com/app.js',
      'https://partnero.com.evil.example/js/universal.js',
      'https://example.com/?u=https://app.partnero.com/js/universal.js',
    ])
      expect(requestEvent(entry(name))).toBeNull();
  });

  it('caps what the page chose: the URL and the initiator', () => {
    const e = requestEvent(entry(`https://app.partnero.com/${'x'.repeat(5000)}`, 'y'.repeat(100)));
    expect(e && e.t === 'request' && [e.url.length, e.type.length]).toEqual([2001, 31]);
  });
});

describe('partneroRequests', () => {
  /** A window whose PerformanceObserver records what it was asked, and delivers `entries`. */
  function fakeWindow(entries: ReturnType<typeof entry>[]) {
    const observed: unknown[] = [];
    class FakeObserver {
      constructor(private readonly callback: (list: { getEntries(): unknown[] }) => void) {}
      observe(options: unknown) {
        observed.push(options);
        this.callback({ getEntries: () => entries });
      }
    }
    return { win: { PerformanceObserver: FakeObserver } as unknown as Window, observed };
  }

  it('starts once, buffered (requests made before the page showed Partnero count), and emits only Partnero ones', () => {
    const { win, observed } = fakeWindow([
      entry('https://app.partnero.com/js/universal.js'),
      entry('https://cdn.example.com/app.js'),
    ]);
    const emitted: BridgeEvent[] = [];
    const start = partneroRequests(win, (e) => emitted.push(e));
    expect(observed).toEqual([]);
    start();
    start();
    expect(observed).toEqual([{ type: 'resource', buffered: true }]);
    expect(emitted.map((e) => e.t === 'request' && e.url)).toEqual([
      'https://app.partnero.com/js/universal.js',
    ]);
  });

  it('an engine without resource timing: nothing, and no throw', () => {
    const start = partneroRequests({} as Window, () => undefined);
    expect(start).not.toThrow();
  });
});
