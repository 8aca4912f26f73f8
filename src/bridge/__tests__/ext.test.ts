// @vitest-environment node
/** The bridge's small chrome.* adapter, against a fake of the callback-style API. */
import { describe, expect, it, vi } from 'vitest';
import { bridgeApi } from '../ext';

type Listener = (message: unknown, sender: unknown, sendResponse: (r: unknown) => void) => boolean;

function fakeChrome(
  opts: { answer?: unknown; error?: string; throws?: boolean; items?: Record<string, unknown> } = {},
) {
  const listeners: Listener[] = [];
  const runtime = {
    lastError: undefined as { message?: string } | undefined,
    sendMessage: vi.fn((_message: unknown, callback: (r: unknown) => void) => {
      if (opts.throws) throw new Error('Extension context invalidated.');
      runtime.lastError = opts.error ? { message: opts.error } : undefined;
      callback(opts.answer);
      runtime.lastError = undefined;
    }),
    onMessage: { addListener: (fn: Listener) => listeners.push(fn) },
  };
  const storage = {
    local: { get: (_key: string, cb: (items?: Record<string, unknown>) => void) => cb(opts.items) },
  };
  return { chrome: { runtime, storage }, listeners };
}

describe('bridgeApi', () => {
  it('sendMessage resolves with the answer', async () => {
    const { chrome } = fakeChrome({ answer: { ok: 1 } });
    await expect(bridgeApi(chrome).sendMessage({ type: 'x' })).resolves.toEqual({ ok: 1 });
    expect(chrome.runtime.sendMessage).toHaveBeenCalledWith({ type: 'x' }, expect.any(Function));
  });

  it('sendMessage rejects when nobody answered or the extension is gone', async () => {
    await expect(
      bridgeApi(fakeChrome({ error: 'Receiving end does not exist.' }).chrome).sendMessage(1),
    ).rejects.toThrow('Receiving end does not exist.');
    await expect(bridgeApi(fakeChrome({ throws: true }).chrome).sendMessage(1)).rejects.toThrow(
      'invalidated',
    );
  });

  it('onMessage answers asynchronously when the handler returns a promise, and stays out otherwise', async () => {
    const { chrome, listeners } = fakeChrome();
    bridgeApi(chrome).onMessage((m) =>
      (m as { type: string }).type === 'collect' ? Promise.resolve(true) : undefined,
    );
    const listener = listeners[0] as Listener;
    const sendResponse = vi.fn();
    expect(listener({ type: 'collect' }, {}, sendResponse)).toBe(true);
    await Promise.resolve();
    expect(sendResponse).toHaveBeenCalledWith(true);
    expect(listener({ type: 'other' }, {}, vi.fn())).toBe(false);
  });

  it('onMessage answers undefined when the handler fails', async () => {
    const { chrome, listeners } = fakeChrome();
    bridgeApi(chrome).onMessage(() => Promise.reject(new Error('boom')));
    const sendResponse = vi.fn();
    (listeners[0] as Listener)({}, {}, sendResponse);
    await new Promise((r) => setTimeout(r, 0));
    expect(sendResponse).toHaveBeenCalledWith(undefined);
  });

  it('getLocal gives the stored items, or an empty object', async () => {
    await expect(
      bridgeApi(fakeChrome({ items: { settings: { graceMs: 5 } } }).chrome).getLocal('settings'),
    ).resolves.toEqual({
      settings: { graceMs: 5 },
    });
    await expect(bridgeApi(fakeChrome().chrome).getLocal('settings')).resolves.toEqual({});
  });
});
