import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { CookieInfo, Finding, LinkRecord } from '../../../model/types';
import { call, snap, transaction } from '../../../panel/__tests__/journey';
import { ALL_SEVERITIES, parseQuery } from '../../../panel/filter';
import { finding, link } from '../../../report/__tests__/fixtures';
import { CookieCard, stripeProblem } from '../cookie-card';
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

describe('TransactionsView', () => {
  const findings = [
    finding('transaction.key-format', 'warning', { target: { call: 1, path: 'data.key' } }),
    finding('transaction.amount', 'error', { target: { call: 1, path: 'data.amount' } }),
    finding('transaction.schema', 'error', { target: { call: 1, path: 'data.customer.email' } }),
  ];

  it.each([
    ['data.key', '!', '"pi_123"', 'transaction.key-format · data.key'],
    ['data.amount', '✗', '"$99.99"', 'transaction.amount · data.amount'],
    ['data.customer.key', '✓', '"cus_1"', null],
    ['options.create_customer', '✓', 'true', null],
    ['data.customer.email', '✗', 'missing', 'transaction.schema · data.customer.email'],
  ])('%s: %s %s', (path, mark, value, rule) => {
    render(<TransactionsView ctx={ctx({ findings })} />);
    const row = screen.getByText(path).closest('.field') as HTMLElement;
    expect(row.querySelector('.field-mark')?.textContent).toBe(mark);
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
    { name: 'never clicked', l: link(), f: [], status: 'not clicked yet', after: 'not clicked' },
    {
      name: 'with a finding',
      l: link({ afterClick: null, clickedBy: 'user' }),
      f: [finding('link.missing-client-reference-id', 'error', { target: { selector: 'a#buy-pro' } })],
      status: 'link.missing-client-reference-id',
      after: 'none (your click)',
    },
  ])('$name', ({ l, f, status, after }) => {
    render(<LinksView ctx={ctx({ links: [l], findings: f })} />);
    const row = screen.getByRole('row', { name: /Buy Pro/ });
    expect(within(row).getByText(status)).toBeTruthy();
    expect(within(row).getByText(after)).toBeTruthy();
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
    ['an earlier or imported page', link(), false],
    ['a removed element', link({ removed: true }), true],
  ])('disables the actions for %s', (_name, l, live) => {
    render(<LinksView ctx={ctx({ links: [l], live })} />);
    for (const name of ['Reveal', 'Test click'])
      expect((screen.getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
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
      '✓ valid',
      '2026-11-27T21:00:00Z (in 1 d 0 h)',
    ],
    [
      'encoded e-mail',
      { raw: 'a%40b.c', value: 'a@b.c' },
      '✗ invalid: contains "@" "." (only A–Z a–z 0–9 _ - are kept)',
      'unknown',
    ],
    ['session', { raw: 'x', value: 'x', expires: null }, '✓ valid', 'session (ends when the browser closes)'],
  ])('%s', (_name, cookie, validity, expiry) => {
    const { container } = render(<CookieCard cookie={cookie} now={NOW} />);
    expect(screen.getByText(validity)).toBeTruthy();
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
