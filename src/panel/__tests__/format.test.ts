import { describe, expect, it } from 'vitest';
import { formatAt, formatDuration, formatExpiry, frameLabel, prettyBody } from '../format';

const NOW = Date.UTC(2026, 10, 26, 21, 0, 0);

describe('format', () => {
  it.each([
    [formatAt(12.54), '12.5 ms'],
    [formatAt(3214), '3.21 s'],
    [formatAt(Number.NaN), '—'],
    [formatDuration(34.6), '35 ms'],
    [formatDuration(1200), '1.20 s'],
    [formatExpiry(undefined, NOW), 'unknown'],
    [formatExpiry(null, NOW), 'session (ends when the browser closes)'],
    [formatExpiry(NOW / 1000 + 30 * 86_400 + 7200, NOW), '2026-12-26T23:00:00Z (in 30 d 2 h)'],
    [formatExpiry(NOW / 1000 + 3600, NOW), '2026-11-26T22:00:00Z (in 1 h)'],
    [formatExpiry(NOW / 1000 - 1, NOW), '2026-11-26T20:59:59Z (expired)'],
    [prettyBody('{"a":[1]}'), '{\n  "a": [\n    1\n  ]\n}'],
    [prettyBody('{broken'), '{broken'],
    [prettyBody('plain text'), 'plain text'],
    [frameLabel('top'), 'top'],
    [frameLabel('https://widgets.example/pricing?x=1'), 'widgets.example/pricing'],
    [frameLabel('about:srcdoc'), 'about:srcdoc'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
