import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../model/types';
import { JsonTree } from '../json-tree';
import './setup';

describe('JsonTree', () => {
  it.each<[string, Json | undefined, string]>([
    ['a string is JSON-quoted', 'ch_1', '"ch_1"'],
    ['a number', 49.5, '49.5'],
    ['null', null, 'null'],
    ['a missing argument', undefined, 'undefined'],
    ['an object, expanded', { data: { key: 'ch_1' } }, '▾{1}▾data: {1}key: "ch_1"'],
    ['an array', ['program', 'x', 'load'], '▾Array(3)0: "program"1: "x"2: "load"'],
  ])('%s', (_name, value, text) => {
    const { container } = render(<JsonTree value={value} />);
    expect(container.textContent).toBe(text);
  });

  it('collapses and expands a branch from the keyboard-reachable toggle', () => {
    render(<JsonTree value={{ data: { key: 'ch_1' } }} />);
    const [, data] = screen.getAllByRole('button');
    fireEvent.click(data as HTMLElement);
    expect(data?.getAttribute('aria-expanded')).toBe('false');
    expect(data?.textContent).toBe('▸data: {1} {"key":"ch_1"}');
    fireEvent.click(data as HTMLElement);
    expect(screen.getByText('"ch_1"')).toBeTruthy();
  });

  it('opens deep levels on demand and shows huge arrays in chunks', () => {
    const { container } = render(
      <JsonTree value={{ list: Array.from({ length: 250 }, (_, i) => i) }} openDepth={2} />,
    );
    expect(container.querySelectorAll('.json-leaf')).toHaveLength(100);
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more of 150' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more of 50' }));
    expect(container.querySelectorAll('.json-leaf')).toHaveLength(250);
  });
});
