import { describe, expect, it } from 'vitest';
import { newTab } from '../../store/page';
import {
  activityFingerprint,
  activityOf,
  lastActivityAt,
  loaderSettled,
  type PageActivity,
  QuietClock,
  SETTLE,
  settlesIn,
} from '../settle';

const START = 1_700_000_000_000;
const UNIVERSAL = 'https://app.partnero.com/js/universal.js?v1';

/** A page quiet in every respect, the page's counter known: settled. */
const quiet: PageActivity = {
  sinceLoad: 600,
  pageQuiet: 600,
  heardQuiet: 600,
  domQuiet: 600,
  pending: 0,
  loaderSettled: true,
  work: { timers: 0, requests: 0 },
};

describe('settlesIn', () => {
  it('a quiet page has settled', () => {
    expect(settlesIn(quiet)).toBe(0);
    expect(settlesIn(quiet)).toBe(0);
  });

  it.each<[string, Partial<PageActivity>]>([
    ['not loaded yet', { sinceLoad: Number.NaN }],
    ['a Partnero request under way', { pending: 1 }],
    ['universal.js not loaded yet', { loaderSettled: false }],
    ["one of the page's short timers still to run", { work: { timers: 1, requests: 0 } }],
    ["one of the page's requests still under way", { work: { timers: 0, requests: 1 } }],
  ])('held with no known end: %s', (_name, change) => {
    const a = { ...quiet, ...change };
    expect(settlesIn(a)).not.toBe(0);
    expect(settlesIn(a)).toBeNull();
  });

  it.each<[string, Partial<PageActivity>, number]>([
    ['too soon after load', { sinceLoad: SETTLE.minMs - 100 }, 100],
    ['a po call 200 ms ago', { pageQuiet: 200 }, SETTLE.quietMs - 200],
    ['the document changed 50 ms ago (its scan has not reported yet)', { domQuiet: 50 }, 200],
    ['the record changed as heard 30 ms ago', { heardQuiet: 30 }, 70],
  ])('not yet: %s', (_name, change, wait) => {
    const a = { ...quiet, ...change };
    expect(settlesIn(a)).not.toBe(0);
    expect(settlesIn(a)).toBe(wait);
  });

  it("without the page's counter (the extension), it waits longer after load: timers cannot be seen", () => {
    const { work: _, ...unknown } = quiet;
    expect(settlesIn(unknown)).toBe(SETTLE.unknownWorkMinMs - quiet.sinceLoad);
    expect(settlesIn({ ...unknown, sinceLoad: SETTLE.unknownWorkMinMs })).toBe(0);
  });

  it('the extension: a script the page inserted after load and still loading holds it', () => {
    const { work: _, ...extension } = { ...quiet, sinceLoad: SETTLE.unknownWorkMinMs };
    expect(settlesIn({ ...extension, loading: 1 })).toBeNull();
    expect(settlesIn({ ...extension, loading: 0 })).toBe(0);
  });
});

describe('loaderSettled', () => {
  it('a loader script is settled once its request ended or the page reported it failed', () => {
    const { page } = newTab('https://shop.example/', START);
    page.scripts.push({ src: UNIVERSAL, frame: 'top', inHead: true });
    expect(loaderSettled(page)).toBe(false);
    page.requests.push({ url: UNIVERSAL, method: 'GET', at: 10 });
    expect(loaderSettled(page)).toBe(false);
    page.requests[0] = { url: UNIVERSAL, method: 'GET', at: 10, status: 200 };
    expect(loaderSettled(page)).toBe(true);
    page.requests.length = 0;
    page.errors.push({ kind: 'script-error', url: UNIVERSAL, message: 'x', at: 20, frame: 'top' });
    expect(loaderSettled(page)).toBe(true);
  });

  it('Resource Timing tells a request ended by its duration alone; other scripts do not count', () => {
    const { page } = newTab('https://shop.example/', START);
    page.scripts.push({ src: UNIVERSAL, frame: 'top', inHead: true });
    page.scripts.push({ src: 'https://cdn.example.com/app.js', frame: 'top', inHead: true });
    page.requests.push({ url: UNIVERSAL, method: 'GET', at: 10, duration: 30 });
    expect(loaderSettled(page)).toBe(true);
  });
});

describe('the record', () => {
  it("its last activity is the latest of its calls, links, cookie, requests' ends, errors, navigations", () => {
    const { page } = newTab('https://shop.example/', START);
    page.loadedAt = 900;
    expect(lastActivityAt(page)).toBe(0);
    page.calls.push({ args: ['program', 'X', 'load'], at: 120, frame: 'top' });
    page.requests.push({ url: UNIVERSAL, method: 'GET', at: 100, duration: 150 });
    expect(lastActivityAt(page)).toBe(250);
    page.cookie = { raw: 'K', value: 'K', seenAt: 300 };
    page.navigations.push({ url: 'https://buy.stripe.com/x', at: 1200 });
    expect(lastActivityAt(page)).toBe(1200);
  });

  it('its fingerprint changes with what the rules read, not with the end of the watch', () => {
    const { page } = newTab('https://shop.example/', START);
    const before = activityFingerprint(page);
    page.watchEnded = true;
    page.clickTest = 'done';
    expect(activityFingerprint(page)).toBe(before);
    page.calls.push({ args: ['x'], at: 1, frame: 'top' });
    expect(activityFingerprint(page)).not.toBe(before);
  });

  it('QuietClock: how long a tab has looked the same; a change or a new tab starts it at 0', () => {
    const clock = new QuietClock();
    const { page } = newTab('https://shop.example/', START);
    expect(clock.quietFor(1, page, START + 100)).toBe(0);
    expect(clock.quietFor(1, page, START + 350)).toBe(250);
    page.calls.push({ args: ['x'], at: 1, frame: 'top' });
    expect(clock.quietFor(1, page, START + 400)).toBe(0);
    clock.forget(1);
    expect(clock.quietFor(1, page, START + 500)).toBe(0);
  });

  it('activityOf: times in the page record become ms since load and since its last activity', () => {
    const { page } = newTab('https://shop.example/', START);
    page.loadedAt = 200;
    page.calls.push({ args: ['x'], at: 150, frame: 'top' });
    const a = activityOf(page, 80, { domQuiet: 40, work: { timers: 0, requests: 0 } }, START + 700);
    expect(a).toEqual({
      sinceLoad: 500,
      pageQuiet: 550,
      heardQuiet: 80,
      domQuiet: 40,
      pending: 0,
      loaderSettled: true,
      work: { timers: 0, requests: 0 },
    });
    expect(Number.isNaN(activityOf(newTab('x', START).page, 0, { domQuiet: 0 }, START).sinceLoad)).toBe(true);
    // The bridge's count of late scripts comes along when it is one.
    const told = (loading: unknown) =>
      activityOf(page, 0, { domQuiet: 0, loading: loading as number }, START + 700).loading;
    expect([told(2), told(0), told(-1), told(1.5), told(Number.NaN), told('3')]).toEqual([
      2,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
