/**
 * The toolbar badge (entrypoints/background/badge.ts): it counts root findings only, caps the
 * count at "99+", is red for errors, amber for warnings only, and empty when nothing but
 * infos or consequences (findings with `causedBy`) remain.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding, Severity } from '../../src/model/types';
import { newTab } from '../../src/store/page';

const action = vi.hoisted(() => ({
  setBadgeText: vi.fn((_details: { tabId: number; text: string }) => Promise.resolve()),
  setBadgeBackgroundColor: vi.fn((_details: { tabId: number; color: string }) => Promise.resolve()),
}));
vi.mock('wxt/browser', () => ({ browser: { action } }));

const { updateBadge } = await import('../../entrypoints/background/badge');

const RED = '#d93025';
const AMBER = '#f29900';

/** `n` findings of one severity; `causedBy` makes them consequences of another rule. */
function many(n: number, severity: Severity, causedBy?: Finding['rule']): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    rule: 'transaction.amount',
    severity,
    message: `finding ${i}`,
    ...(causedBy && { causedBy }),
  }));
}

/** Sets the badge of tab 3 for these findings; returns what the browser was asked to show. */
function badgeFor(findings: Finding[]): { text: string[]; color: string[] } {
  const tab = newTab('https://shop.test/', 0);
  tab.findings = findings;
  updateBadge(3, tab);
  expect(action.setBadgeText.mock.calls.every(([d]) => d.tabId === 3)).toBe(true);
  expect(action.setBadgeBackgroundColor.mock.calls.every(([d]) => d.tabId === 3)).toBe(true);
  return {
    text: action.setBadgeText.mock.calls.map(([d]) => d.text),
    color: action.setBadgeBackgroundColor.mock.calls.map(([d]) => d.color),
  };
}

beforeEach(() => {
  action.setBadgeText.mockClear();
  action.setBadgeBackgroundColor.mockClear();
});

describe('badge text and colour', () => {
  it.each([
    { what: 'no findings', findings: [], text: '', color: [] },
    { what: '1 error', findings: many(1, 'error'), text: '1', color: [RED] },
    { what: '99 errors', findings: many(99, 'error'), text: '99', color: [RED] },
    { what: '100 errors', findings: many(100, 'error'), text: '99+', color: [RED] },
    { what: '250 warnings', findings: many(250, 'warning'), text: '99+', color: [AMBER] },
    { what: '3 warnings only', findings: many(3, 'warning'), text: '3', color: [AMBER] },
    {
      what: '2 errors and 5 warnings (errors win, warnings not added)',
      findings: [...many(5, 'warning'), ...many(2, 'error')],
      text: '2',
      color: [RED],
    },
    { what: 'infos only', findings: many(4, 'info'), text: '', color: [] },
    {
      what: 'only consequences',
      findings: [...many(3, 'error', 'snippet.missing'), ...many(2, 'warning', 'snippet.missing')],
      text: '',
      color: [],
    },
    {
      what: '1 root warning, consequences that are errors',
      findings: [...many(1, 'warning'), ...many(6, 'error', 'program.placeholder')],
      text: '1',
      color: [AMBER],
    },
    {
      what: '1 root error and 4 of its consequences',
      findings: [...many(1, 'error'), ...many(4, 'error', 'program.placeholder')],
      text: '1',
      color: [RED],
    },
  ])('$what → "$text" $color', ({ findings, text, color }) => {
    expect(badgeFor(findings)).toStrictEqual({ text: [text], color });
  });
});

describe('a closed tab', () => {
  it('swallows the rejections of a badge update for a tab that is gone', async () => {
    action.setBadgeText.mockRejectedValueOnce(new Error('No tab with id: 3.'));
    action.setBadgeBackgroundColor.mockRejectedValueOnce(new Error('No tab with id: 3.'));
    expect(badgeFor(many(1, 'error'))).toStrictEqual({ text: ['1'], color: [RED] });
    // An unhandled rejection would fail the run once the microtasks have settled.
    await Promise.resolve();
    await Promise.resolve();
  });
});
