/** Every finding row, in the popup and the panel alike, links to its rule's section of the rules page. */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../model/types';
import { finding } from '../../../report/__tests__/fixtures';
import { FindingList } from '../finding-list';

// Vitest runs without globals, so the library cannot register its own cleanup.
afterEach(cleanup);

describe('FindingList', () => {
  it('gives each finding, consequences included, a Learn more link to its rule', () => {
    render(
      <FindingList
        findings={[
          finding('program.placeholder', 'error'),
          finding('snippet.queue-stuck', 'error', { causedBy: 'program.placeholder' }),
          finding('link.test-mode', 'warning'),
        ]}
      />,
    );
    const links = screen.getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Learn more about program.placeholder', '/rules.html#program.placeholder'],
      ['Learn more about snippet.queue-stuck', '/rules.html#snippet.queue-stuck'],
      ['Learn more about link.test-mode', '/rules.html#link.test-mode'],
    ]);
    // Only "Learn more" is shown; the rule id completes the name screen readers announce.
    expect(links.map((a) => a.querySelector('.visually-hidden')?.textContent)).toEqual([
      ' about program.placeholder',
      ' about snippet.queue-stuck',
      ' about link.test-mode',
    ]);
    expect(screen.getByRole('link', { name: 'Learn more about link.test-mode' })).toBe(links[2]);
    expect(links.map((a) => [a.getAttribute('target'), a.getAttribute('rel')])).toEqual(
      Array(3).fill(['_blank', 'noopener noreferrer']),
    );
  });

  it('keeps the rule id line as it was', () => {
    const { container } = render(<FindingList findings={[finding('link.test-mode', 'warning')]} />);
    expect(container.querySelector('.finding-rule')?.textContent).toBe('link.test-mode');
  });
});

/** Two unfilled fields of one transaction, as the engine files them: two roots of one rule. */
const twoPlaceholders: Finding[] = [
  finding('transaction.placeholder', 'error', {
    message: 'data.key is a placeholder',
    target: { call: 5, path: 'data.key' },
  }),
  finding('transaction.placeholder', 'error', {
    message: 'data.amount is a placeholder',
    target: { call: 5, path: 'data.amount' },
  }),
  finding('link.test-mode', 'warning', { message: 'a test-mode link' }),
  finding('network.request-failed', 'error', {
    message: 'POST /transactions failed: HTTP 422',
    causedBy: 'transaction.placeholder',
    causeIndex: 0,
  }),
  finding('transaction.key-format', 'warning', {
    message: 'data.key is not a charge id',
    target: { call: 5, path: 'data.key' },
    causedBy: 'transaction.placeholder',
    causeIndex: 0,
  }),
  finding('transaction.amount', 'error', {
    message: 'data.amount is not a number',
    target: { call: 5, path: 'data.amount' },
    causedBy: 'transaction.placeholder',
    causeIndex: 1,
  }),
];

/** Each top-level finding's message with the messages nested under it. */
function shown(container: Element): [string, string[]][] {
  return [...container.querySelectorAll(':scope > ul.findings > li')].map((li) => [
    li.querySelector('.finding-message')?.textContent ?? '',
    [...li.querySelectorAll('.consequences .finding-message')].map((m) => m.textContent ?? ''),
  ]);
}

describe('FindingList with several roots of one rule', () => {
  it('shows each consequence once, under the very finding that explains it', () => {
    const { container } = render(<FindingList findings={twoPlaceholders} page={twoPlaceholders} />);
    expect(shown(container)).toEqual([
      ['data.key is a placeholder', ['POST /transactions failed: HTTP 422', 'data.key is not a charge id']],
      ['data.amount is a placeholder', ['data.amount is not a number']],
      ['a test-mode link', []],
    ]);
    expect(container.querySelectorAll('.finding-message')).toHaveLength(twoPlaceholders.length);
  });

  it("nests exactly in a part of the page's findings (a popup row) given the page", () => {
    const row = twoPlaceholders.filter((f) => f.rule !== 'link.test-mode');
    const { container } = render(<FindingList findings={row} page={twoPlaceholders} />);
    expect(shown(container)).toEqual([
      ['data.key is a placeholder', ['POST /transactions failed: HTTP 422', 'data.key is not a charge id']],
      ['data.amount is a placeholder', ['data.amount is not a number']],
    ]);
  });

  it('shows a consequence whose cause is in another list on its own, once', () => {
    const row = twoPlaceholders.filter((f) => f.rule === 'transaction.amount');
    const { container } = render(<FindingList findings={row} page={twoPlaceholders} />);
    expect(shown(container)).toEqual([['data.amount is not a number', []]]);
  });

  it('never repeats a consequence without the page either', () => {
    const { container } = render(<FindingList findings={twoPlaceholders} />);
    const messages = [...container.querySelectorAll('.finding-message')].map((m) => m.textContent);
    expect(messages).toHaveLength(twoPlaceholders.length);
    expect(new Set(messages).size).toBe(twoPlaceholders.length);
  });

  it('says in words why consequences are nested, and names no cause by rule id', () => {
    const { container } = render(<FindingList findings={twoPlaceholders} page={twoPlaceholders} />);
    expect([...container.querySelectorAll('.because')].map((p) => p.textContent)).toEqual([
      'Because of the problem above:',
      'Because of the problem above:',
    ]);
    expect(container.textContent).not.toContain('caused by');
  });
});

describe('FindingList marks', () => {
  it.each<[string, string, string, Finding]>([
    ['an error', '✗', 'broken', finding('snippet.missing', 'error')],
    ['a warning', '!', 'risky', finding('link.test-mode', 'warning')],
    ['an info', '·', 'nothing to check', finding('program.multiple', 'info')],
    [
      'a link not clicked yet',
      '?',
      'not verified',
      finding('link.missing-client-reference-id', 'info', { unverified: true }),
    ],
  ])('%s shows %s, read as "%s"', (_name, symbol, words, f) => {
    render(<FindingList findings={[f]} />);
    const mark = screen.getByRole('img', { name: words });
    expect(mark.textContent).toBe(symbol);
    expect(screen.getAllByRole('img')).toEqual([mark]);
  });
});
