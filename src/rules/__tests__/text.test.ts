import { describe, expect, it } from 'vitest';
import { clip, kindOf, list, quote, show } from '../text';

describe('clip', () => {
  it.each([
    { text: 'short', max: 80, out: 'short' },
    { text: 'abcdef', max: 3, out: 'abc…' },
    { text: 'line\nbreak\r\tand\u0000nul', max: 80, out: 'line break and nul' },
    { text: 'bidi \u202eevil\u2066', max: 80, out: 'bidi evil' },
    { text: '😀😀😀', max: 2, out: '😀😀…' },
    { text: 'x'.repeat(1000), max: 5, out: 'xxxxx…' },
  ])('$text → $out', ({ text, max, out }) => {
    expect(clip(text, max)).toBe(out);
  });
});

describe('show and quote', () => {
  it.each([
    { value: 'abc', out: '"abc"' },
    { value: 42, out: '42' },
    { value: null, out: 'null' },
    { value: undefined, out: 'nothing' },
    { value: { a: [1] }, out: '{"a":[1]}' },
  ])('$out', ({ value, out }) => {
    expect(show(value)).toBe(out);
  });

  it('caps quoted text', () => {
    expect(quote('y'.repeat(100), 4)).toBe('"yyyy…"');
  });
});

describe('kindOf and list', () => {
  it.each([
    { value: [], out: 'an array' },
    { value: {}, out: 'an object' },
    { value: true, out: 'a boolean' },
    { value: null, out: 'null' },
  ])('kindOf $out', ({ value, out }) => {
    expect(kindOf(value)).toBe(out);
  });

  it.each([
    { items: [], out: '' },
    { items: ['a'], out: 'a' },
    { items: ['a', 'b', 'c'], out: 'a, b and c' },
  ])('list $out', ({ items, out }) => {
    expect(list(items)).toBe(out);
  });
});
