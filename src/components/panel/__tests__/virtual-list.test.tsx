import { fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import { VirtualList } from '../virtual-list';
import './setup';

const ITEMS = Array.from({ length: 10_000 }, (_, i) => `event ${i}`);
const ROW = 22;

function List({ initial = -1 }: { initial?: number }) {
  const [selected, setSelected] = useState(initial);
  return (
    <VirtualList
      items={ITEMS}
      rowHeight={ROW}
      selected={selected}
      onSelect={setSelected}
      renderRow={(item) => <span>{item}</span>}
      rowId={(item) => item.replace(' ', '-')}
      label="Events"
    />
  );
}

const options = () => screen.getAllByRole('option');
const selectedText = () => options().find((o) => o.getAttribute('aria-selected') === 'true')?.textContent;

describe('VirtualList', () => {
  it('renders only the rows around the viewport of 10,000', () => {
    render(<List />);
    expect(options().length).toBeLessThan(60);
    expect(options()[0]?.textContent).toBe('event 0');
    expect((screen.getByRole('listbox').firstElementChild as HTMLElement).style.height).toBe(
      `${10_000 * ROW}px`,
    );
  });

  it('renders the rows at the scroll position', () => {
    render(<List />);
    const list = screen.getByRole('listbox');
    list.scrollTop = 5000 * ROW;
    fireEvent.scroll(list);
    const texts = options().map((o) => o.textContent);
    expect(texts).toContain('event 5000');
    expect(texts).not.toContain('event 0');
    expect(options().find((o) => o.textContent === 'event 5000')?.style.top).toBe(`${5000 * ROW}px`);
  });

  it.each([
    { initial: -1, key: 'ArrowDown', expected: 'event 0' },
    { initial: -1, key: 'ArrowUp', expected: 'event 9999' },
    { initial: 5, key: 'ArrowDown', expected: 'event 6' },
    { initial: 5, key: 'ArrowUp', expected: 'event 4' },
    { initial: 0, key: 'ArrowUp', expected: 'event 0' },
    { initial: 9999, key: 'ArrowDown', expected: 'event 9999' },
    { initial: 10, key: 'Home', expected: 'event 0' },
    { initial: 10, key: 'End', expected: 'event 9999' },
    { initial: 0, key: 'PageDown', expected: 'event 26' },
    { initial: 30, key: 'PageUp', expected: 'event 4' },
  ])('$key from $initial selects $expected and keeps it in view', ({ initial, key, expected }) => {
    render(<List initial={initial} />);
    fireEvent.keyDown(screen.getByRole('listbox'), { key });
    expect(selectedText()).toBe(expected);
    expect(screen.getByRole('listbox').getAttribute('aria-activedescendant')).toBe(
      expected.replace(' ', '-'),
    );
  });

  it('selects a row on click', () => {
    render(<List />);
    fireEvent.click(screen.getByText('event 3'));
    expect(selectedText()).toBe('event 3');
  });
});
