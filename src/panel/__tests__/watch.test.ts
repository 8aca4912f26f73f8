import { describe, expect, it } from 'vitest';
import { STALL_MS, waitingText, watchState } from '../watch';

const T0 = 1_790_000_000_000;
const page = (url: string, watchEnded = false) => ({ url, startedAt: T0, watchEnded });

describe('watchState: "still watching" does not last forever', () => {
  it.each([
    ['a web page while it loads', page('https://shop.test/'), T0 + 1000, 'watching'],
    ['a web page whose watch ended', page('https://shop.test/', true), T0 + 1000, 'ended'],
    ['about:blank, where no content script runs', page('about:blank'), T0 + 1000, 'not-watched'],
    ["the browser's own pages", page('chrome://newtab/'), T0, 'not-watched'],
    ['a tab the extension never saw load', page(''), T0, 'not-watched'],
    ['a web page that never ends its watch', page('https://shop.test/'), T0 + STALL_MS + 1, 'stalled'],
    ['a local file', page('file:///tmp/shop.html'), T0, 'watching'],
  ])('%s: %s', (_name, p, now, state) => {
    expect(watchState(p, now)).toBe(state);
  });

  it('says what it waits for, and why it may wait forever', () => {
    expect(waitingText(page('https://shop.test/'), T0)).toBe('No findings yet: still watching the page…');
    expect(waitingText(page('https://shop.test/', true), T0)).toBeNull();
    expect(waitingText(page('about:blank'), T0)).toMatch(/^Nothing to check: .*“about:blank”/);
    expect(waitingText(page(''), T0)).toMatch(/reload the page/);
    expect(waitingText(page('https://shop.test/'), T0 + STALL_MS + 1)).toMatch(
      /not finished loading after 30 s/,
    );
  });
});
