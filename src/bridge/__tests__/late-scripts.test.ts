import { Window as HappyWindow } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToBackground } from '../../protocol/messages';
import { SETTLE } from '../../watch/settle';
import { fetchesCode, lateScripts } from '../late-scripts';
import { startBridge } from '../start';
import { recordingApi } from './recording-api';

/** A script element as a page would make it (not inserted: happy-dom would try to load it). */
const script = (src: string, type?: string) => {
  const s = document.createElement('script');
  s.src = src;
  if (type !== undefined) s.type = type;
  return s;
};

describe('lateScripts: scripts inserted after load, until they load or fail', () => {
  it('counts nothing before load; after it, each script that fetches code until its load or error', () => {
    const late = lateScripts();
    late.seen(script('https://tags.example/early.js'));
    expect(late.loading()).toBe(0);
    late.arm();
    const container = script('https://tags.example/gtm.js');
    const widget = script('https://widget.example/w.js', 'module');
    late.seen(container);
    late.seen(widget);
    expect(late.loading()).toBe(2);
    container.dispatchEvent(new Event('load'));
    widget.dispatchEvent(new Event('error'));
    expect(late.loading()).toBe(0);
  });

  it('only scripts that fetch code the browser runs: not held back, inline, data: or nomodule ones', () => {
    expect(fetchesCode(script('https://cdn.example/app.js'))).toBe(true);
    expect(fetchesCode(script('https://cdn.example/app.js', 'text/javascript'))).toBe(true);
    expect(fetchesCode(script('https://app.partnero.com/js/universal.js', 'text/plain'))).toBe(false);
    expect(fetchesCode(document.createElement('script'))).toBe(false);
    expect(fetchesCode(script('data:text/javascript,void 0'))).toBe(false);
    const legacy = script('https://cdn.example/legacy.js');
    legacy.noModule = true;
    expect(fetchesCode(legacy)).toBe(false);
  });
});

describe("startBridge: the end of watch tells of the page's late scripts", () => {
  afterEach(() => vi.useRealTimers());

  it('a script inserted at load and still loading is told at each ask, until it has loaded', async () => {
    const win = new HappyWindow({ url: 'https://shop.example.com/' });
    win.happyDOM.settings.disableJavaScriptEvaluation = true;
    win.happyDOM.settings.disableJavaScriptFileLoading = true;
    // happy-dom answers at once, before the bridge's observer runs (a browser never does).
    win.happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
    await win.happyDOM.waitUntilComplete();
    expect(win.document.readyState).toBe('complete');
    vi.useFakeTimers();
    const sent: ToBackground[] = [];
    startBridge(
      win as unknown as Window,
      recordingApi((m) => sent.push(m)),
    );
    win.document.dispatchEvent(new win.Event('readystatechange'));
    const container = win.document.createElement('script');
    container.src = 'https://tags.example/gtm.js';
    win.document.head.append(container);
    const told = () =>
      sent.flatMap((m) => (m.type === 'watch-end' && m.domQuiet !== undefined ? [m.loading] : []));
    await vi.advanceTimersByTimeAsync(SETTLE.minMs + 50);
    expect(told()).toEqual([1]);
    container.dispatchEvent(new win.Event('load'));
    await vi.advanceTimersByTimeAsync(300);
    expect(told().at(-1)).toBe(0);
    await win.happyDOM.close();
  });
});
