import { describe, expect, it } from 'vitest';
import type { CookieInfo } from '../../model/types';
import { cookieSightings } from '../cookies';
import type { JourneyPage } from '../events';
import { snap } from './journey';

const page = (n: number, cookie: CookieInfo | null): JourneyPage => ({ n, ...snap({ cookie }) });
const TEST = { raw: 'TEST', value: 'TEST' };

describe('cookieSightings: one entry per distinct cookie value', () => {
  it('a journey that keeps one cookie shows it once, with its latest details', () => {
    const later = { ...TEST, expires: 1_800_000_000, domain: '.shop.test' };
    const sightings = cookieSightings([page(1, TEST), page(2, TEST), page(3, later)]);
    expect(sightings.map((s) => [s.raw, s.pages.map((p) => p.n)])).toEqual([['TEST', [1, 2, 3]]]);
    expect(sightings[0]?.cookie).toEqual(later);
  });

  it('a value that changes, and pages without the cookie, each get their own entry in the order seen', () => {
    const other = { raw: 'b%20c', value: 'b c' };
    const sightings = cookieSightings([
      page(1, null),
      page(2, TEST),
      page(3, other),
      page(4, null),
      page(5, TEST),
    ]);
    expect(sightings.map((s) => [s.raw, s.pages.map((p) => p.n)])).toEqual([
      [null, [1, 4]],
      ['TEST', [2, 5]],
      ['b%20c', [3]],
    ]);
  });
});
