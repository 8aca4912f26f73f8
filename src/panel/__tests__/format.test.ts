import { describe, expect, it } from 'vitest';
import { formatAt, formatDuration, formatExpiry, frameLabel, middleTail, prettyBody } from '../format';

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

/** The part of a value that a middle ellipsis never cuts. */
const tail = (value: string) => value.slice(value.length - middleTail(value));

describe('middleTail: what stays when a value is shortened in the middle', () => {
  it.each([
    // A Payment Link keeps its id, with the client_reference_id a helper added.
    ['https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ002', 'test_4gw5lB1Rn4cZ9bZ002'],
    [
      'https://buy.stripe.com/28o5lA0Qm3bY8aY001?client_reference_id=TEST',
      '28o5lA0Qm3bY8aY001?client_reference_id=TEST',
    ],
    // A Network URL keeps the script or endpoint, the host gives way first.
    ['https://app.partnero.com/js/universal.js?v1790', 'universal.js?v1790'],
    ['https://api.partnero.com/v1/transactions', 'transactions'],
    ['https://shop.test/pricing/', 'pricing/'],
    ['https://shop.test/?aff=TEST', '/?aff=TEST'],
    // Too little to tell apart: at least 8 characters; too long: the last 48.
    ['https://api.partnero.com/v1/x', 'com/v1/x'],
    [`https://shop.test/${'a'.repeat(80)}`, 'a'.repeat(48)],
    // Not a URL: its last characters.
    ['partnero_partner=TEST_VALUE_123', '_VALUE_123'],
  ])('%s keeps %s', (value, kept) => {
    expect(tail(value)).toBe(kept);
  });
});
