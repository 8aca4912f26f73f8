import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { CookieInfo, Finding, LinkRecord } from '../../../model/types';
import { call, snap, transaction } from '../../../panel/__tests__/journey';
import type { JourneyPage } from '../../../panel/events';
import { ALL_SEVERITIES, parseQuery } from '../../../panel/filter';
import { finding, link } from '../../../report/__tests__/fixtures';
import { CookieCard, stripeProblem } from '../cookie-card';
import { CookieView } from '../cookie-view';
import { FindingsView } from '../findings-view';
import { LinksView } from '../links-view';
import { TransactionsView } from '../transactions-view';
import type { ViewContext } from '../view-context';
import { NOW } from './setup';

function ctx(
  over: { links?: LinkRecord[]; findings?: Finding[]; live?: boolean; query?: string } = {},
): ViewContext {
  const { page, findings } = snap(
    {
      calls: [call(['program', 'x', 'load']), call(['transactions', 'create', transaction], 50)],
      links: over.links ?? [],
    },
    over.findings ?? [],
  );
  return {
    pages: [{ n: 1, page, findings }],
    livePage: over.live === false ? null : 1,
    actions: { reveal: vi.fn(), clickTest: vi.fn() },
    query: parseQuery(over.query ?? ''),
    toggles: ALL_SEVERITIES,
    now: NOW,
  };
}

/** A mark as the eye sees it (its symbol) and as a screen reader says it (its words). */
function markOf(el: HTMLElement): { symbol: string; words: string } {
  const symbol = el.querySelector('[aria-hidden="true"]')?.textContent ?? '';
  return { symbol, words: (el.textContent ?? '').replace(symbol, '').trim() };
}

describe('TransactionsView', () => {
  const findings = [
    finding('transaction.key-format', 'warning', { target: { call: 1, path: 'data.key' } }),
    finding('transaction.amount', 'error', { target: { call: 1, path: 'data.amount' } }),
    finding('transaction.schema', 'error', { target: { call: 1, path: 'data.customer.email' } }),
  ];

  it.each([
    ['data.key', '!', 'risky', '"pi_123"', 'transaction.key-format · data.key'],
    ['data.amount', '✗', 'broken', '"$99.99"', 'transaction.amount · data.amount'],
    ['data.customer.key', '✓', 'fine', '"cus_1"', null],
    ['options.create_customer', '✓', 'fine', 'true', null],
    ['data.customer.email', '✗', 'broken', 'missing', 'transaction.schema · data.customer.email'],
  ])('%s: %s (%s) %s', (path, symbol, words, value, rule) => {
    render(<TransactionsView ctx={ctx({ findings })} />);
    const row = screen.getByText(path).closest('.field') as HTMLElement;
    expect(markOf(row.querySelector('.field-mark') as HTMLElement)).toEqual({ symbol, words });
    expect(row.querySelector('.field-value')?.textContent).toBe(value);
    expect(row.querySelector('.finding-rule')?.textContent ?? null).toBe(rule);
  });

  it('filters transactions by the filter box', () => {
    render(<TransactionsView ctx={ctx({ query: 'ch_nothing' })} />);
    expect(screen.getByText(/No po\('transactions','create'\).*matches the filter/)).toBeTruthy();
  });
});

describe('LinksView', () => {
  it.each([
    {
      name: 'clicked and fixed',
      l: link({ afterClick: 'TEST', clickedBy: 'test' }),
      f: [],
      status: 'ok after click',
      after: 'TEST (test click)',
    },
    {
      name: 'not verified yet',
      l: link(),
      f: [
        finding('link.missing-client-reference-id', 'info', {
          target: { selector: 'a#buy-pro' },
          unverified: true,
        }),
      ],
      status: 'not verified',
      after: 'not clicked',
    },
    {
      name: 'with a finding',
      l: link({ afterClick: null, clickedBy: 'user' }),
      f: [
        finding('link.missing-client-reference-id', 'error', {
          target: { selector: 'a#buy-pro' },
          message: 'Payment Link “Buy Pro” has no client_reference_id.',
        }),
      ],
      status: 'missing id',
      after: 'none (your click)',
    },
  ])('$name: the Status column says “$status”', ({ l, f, status, after }) => {
    render(<LinksView ctx={ctx({ links: [l], findings: f })} />);
    const row = screen.getByRole('row', { name: /Buy Pro/ });
    const cell = row.querySelector('td[data-label="Status"]') as HTMLElement;
    expect(cell.querySelector('.status-words')?.textContent).toBe(status);
    // No rule id in the cell; the findings' sentences are its hover text.
    expect(cell.textContent).not.toContain('link.');
    expect(cell.querySelector('.status')?.getAttribute('title') ?? null).toBe(f[0]?.message ?? null);
    expect(within(row).getByText(after)).toBeTruthy();
  });

  it.each([
    ['ok after click', link({ afterClick: 'TEST', clickedBy: 'test' }), [], '✓', 'fine'],
    [
      'missing id',
      link({ afterClick: null, clickedBy: 'test' }),
      [finding('link.missing-client-reference-id', 'error', { target: { selector: 'a#buy-pro' } })],
      '✗',
      'broken',
    ],
    [
      'not verified',
      link(),
      [
        finding('link.missing-client-reference-id', 'info', {
          target: { selector: 'a#buy-pro' },
          unverified: true,
        }),
      ],
      '?',
      'not verified',
    ],
  ])('marks “%s” with %s, said “%s” to screen readers', (_words, l, f, symbol, words) => {
    render(<LinksView ctx={ctx({ links: [l], findings: f })} />);
    const cell = screen.getByRole('row', { name: /Buy Pro/ }).querySelector('td[data-label="Status"] .mark');
    expect(markOf(cell as HTMLElement)).toEqual({ symbol, words });
  });

  it('shows an href shortened in the middle, keeping the Payment Link id, whole on hover', () => {
    const href = 'https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ002';
    render(<LinksView ctx={ctx({ links: [link({ href })] })} />);
    const cell = screen.getByRole('row', { name: /Buy Pro/ }).querySelector('td[data-label="href"]');
    expect(cell?.querySelector('.mid-tail')?.textContent).toBe('test_4gw5lB1Rn4cZ9bZ002');
    expect(cell?.querySelector('[title]')?.getAttribute('title')).toBe(href);
    expect(cell?.textContent).toBe(href);
    // Every link in the top frame: no Frame column saying `top` on each row.
    expect(screen.queryByRole('columnheader', { name: 'Frame' })).toBeNull();
  });

  it('says when a link is inside a shadow root, where the helper cannot look', () => {
    render(
      <LinksView
        ctx={ctx({ links: [link({ inShadowRoot: true }), link({ id: 't2', text: 'Buy Team' })] })}
      />,
    );
    expect(within(screen.getByRole('row', { name: /Buy Pro/ })).getByText('top · shadow root')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /Buy Team/ })).getByText('top')).toBeTruthy();
  });

  it('asks the background to reveal and test-click a link of the live page', () => {
    const c = ctx({ links: [link({ id: 'top:3' })] });
    render(<LinksView ctx={c} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));
    fireEvent.click(screen.getByRole('button', { name: 'Test click' }));
    expect(c.actions.reveal).toHaveBeenCalledWith('top:3');
    expect(c.actions.clickTest).toHaveBeenCalledWith('top:3');
  });

  it.each([
    ['an earlier page', link(), 2, 'This link was on an earlier page of the journey'],
    ['an imported capture', link(), null, 'This is an imported capture: there is no page to act on'],
    ['a removed element', link({ removed: true }), 1, 'This link is no longer in the page'],
  ])('disables the actions for %s, saying why on hover', (_name, l, livePage, why) => {
    render(<LinksView ctx={{ ...ctx({ links: [l] }), livePage }} />);
    for (const name of ['Reveal', 'Test click']) {
      const button = screen.getByRole('button', { name }) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(button.title).toBe(why);
      expect((button.parentElement as HTMLElement).title).toBe(why);
    }
  });
});

describe('CookieCard', () => {
  it.each<[string, CookieInfo, string, string]>([
    [
      'valid',
      {
        raw: 'partner_42',
        value: 'partner_42',
        expires: NOW / 1000 + 86_400,
        domain: '.shop.test',
        path: '/',
      },
      '✓fine valid',
      '2026-11-27T21:00:00Z (in 1 d 0 h)',
    ],
    [
      'encoded e-mail',
      { raw: 'a%40b.c', value: 'a@b.c' },
      '✗broken invalid: contains "@" "." (only A–Z a–z 0–9 _ - are kept)',
      'unknown',
    ],
    [
      'session',
      { raw: 'x', value: 'x', expires: null },
      '✓fine valid',
      'session (ends when the browser closes)',
    ],
  ])('%s', (_name, cookie, validity, expiry) => {
    const { container } = render(<CookieCard cookie={cookie} now={NOW} />);
    const stripe = screen.getByText('Stripe client_reference_id').nextElementSibling;
    expect(stripe?.textContent?.replace(/\s+/g, ' ').trim()).toBe(validity);
    expect(screen.getAllByText(expiry).length).toBeGreaterThan(0);
    expect(container.textContent).toContain(cookie.raw);
  });

  it.each([
    ['', 'empty'],
    ['x'.repeat(201), '201 characters (at most 200)'],
    ['ok_-09AZ', null],
  ])('stripeProblem(%j)', (value, problem) => {
    expect(stripeProblem(value)).toBe(problem);
  });

  it('explains a missing cookie', () => {
    render(<CookieCard cookie={null} now={NOW} />);
    expect(screen.getByText(/the visit is not referred/)).toBeTruthy();
  });
});

describe('CookieView', () => {
  const TEST = { raw: 'TEST', value: 'TEST', expires: NOW / 1000 + 86_400 };
  const pages = (cookies: (CookieInfo | null)[]): ViewContext => ({
    ...ctx(),
    pages: cookies.map((cookie, i) => ({ n: i + 1, ...snap({ cookie, url: `https://shop.test/${i + 1}` }) })),
    livePage: cookies.length,
  });

  it('shows one card per distinct cookie value, naming the pages it was on', () => {
    render(<CookieView ctx={pages([null, TEST, TEST, TEST])} />);
    const cards = screen.getAllByRole('region');
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual([
      'No partnero_partner cookie',
      'partnero_partner=TEST',
    ]);
    expect(within(cards[1] as HTMLElement).getByText('Pages 2, 3 and 4 (live)')).toBeTruthy();
    expect(within(cards[0] as HTMLElement).getByText('Page 1')).toBeTruthy();
  });
});

describe('FindingsView', () => {
  it.each([
    ['about:blank', false, /^Nothing to check: the extension looks into web pages/],
    ['https://shop.test/', false, /still watching the page…$/],
    ['https://shop.test/', true, /no Partnero tracking on this page/],
  ])('%s, watch ended %s: says why there is no finding', (url, watchEnded, text) => {
    const c = ctx();
    const page = { ...(c.pages[0] as JourneyPage), findings: [] };
    const bare = {
      ...page.page,
      url,
      watchEnded,
      startedAt: NOW,
      calls: [],
      queueName: null,
      loaderRuns: [],
      scripts: [],
      cookie: null,
    };
    render(<FindingsView ctx={{ ...c, pages: [{ ...page, page: bare }] }} />);
    expect(screen.getByText(text)).toBeTruthy();
  });
});
