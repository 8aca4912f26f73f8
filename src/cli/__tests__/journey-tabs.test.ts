// @vitest-environment node
import type { Page } from 'puppeteer-core';
import { describe, expect, it, vi } from 'vitest';
import type { Launched } from '../browsers';
import { journeyTabs } from '../check';

/** A tab as the driver sees it: whether it was opened in the background, and brought to the front. */
function tab(background = false, closed = false) {
  const page = {
    background,
    fronted: 0,
    isClosed: () => closed,
    bringToFront: vi.fn(async () => void page.fronted++),
  };
  return page;
}
type Tab = ReturnType<typeof tab>;

function browserWith(firstPage?: Tab) {
  const opened: Tab[] = [];
  const newPage = vi.fn(async (options?: { background?: boolean }) => {
    const t = tab(options?.background);
    opened.push(t);
    return t;
  });
  const launched = { browser: { newPage }, ...(firstPage && { firstPage }) } as unknown as Launched;
  return { launched, opened, newPage };
}

describe('journeyTabs: the tab each journey takes', () => {
  it('the first journey takes the tab opened at start, fresh; the next a new one, not fresh', async () => {
    const first = tab();
    const { launched, opened } = browserWith(first);
    const tabs = journeyTabs(launched);
    expect(await tabs.take()).toEqual({ page: first, fresh: true });
    const next = await tabs.take();
    expect(next).toEqual({ page: opened[0], fresh: false });
    // Nobody said another journey follows: no tab was opened ahead.
    expect(opened).toHaveLength(1);
    expect(opened[0]?.background).toBe(false);
  });

  it('once told another journey follows, opens its tab in the background and brings it to the front when taken', async () => {
    const { launched, opened, newPage } = browserWith(tab());
    const tabs = journeyTabs(launched);
    tabs.prepare();
    await tabs.take();
    // Opened while the first journey runs, behind it (in front it would hide the page checked).
    expect(newPage).toHaveBeenCalledWith({ background: true });
    const spare = opened[0] as Tab;
    expect(spare.fronted).toBe(0);
    const second = await tabs.take();
    expect(second).toEqual({ page: spare, fresh: false });
    expect(spare.fronted).toBe(1);
    expect(opened).toHaveLength(1);
  });

  it('a tab opened ahead that closed or could not come to the front is replaced by a new one', async () => {
    const closed = tab(true, true);
    const launched = {
      browser: { newPage: vi.fn(async (o?: { background?: boolean }) => (o?.background ? closed : tab())) },
    } as unknown as Launched;
    const tabs = journeyTabs(launched);
    tabs.prepare();
    const first = await tabs.take();
    expect(first.page).not.toBe(closed);
    const second = await tabs.take();
    expect(second.page).not.toBe(closed);
    expect((second.page as unknown as Page).isClosed()).toBe(false);
  });
});
