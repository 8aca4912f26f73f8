/** Every finding row, in the popup and the panel alike, links to its rule's section of the rules page. */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
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
