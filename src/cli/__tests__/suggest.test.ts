// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest } from '../suggest';

describe('editDistance', () => {
  it.each<[string, string, number]>([
    ['aff', 'aff', 0],
    ['afff', 'aff', 1],
    ['chek', 'check', 1],
    ['jsno', 'json', 1],
    ['waitt', 'wait', 1],
    ['colour', 'config', 4],
    ['', 'abc', 3],
  ])('%s → %s: %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('nearest', () => {
  const options = ['--aff', '--param', '--json', '--junit', '--stub-partnero', '--allow-http-errors'];
  it.each<[string, string | undefined]>([
    ['--afff', '--aff'],
    ['--jsno', '--json'],
    ['--junti', '--junit'],
    ['--stub-partner', '--stub-partnero'],
    ['--allow', '--allow-http-errors'],
    ['--colour', undefined],
    ['--x', undefined],
  ])('%s → %s', (word, expected) => {
    expect(nearest(word, options)).toBe(expected);
  });

  it('says nothing when the start of a word fits several', () => {
    expect(nearest('--stu', ['--stub-partnero', '--studio'])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('is a clause to append, or nothing', () => {
    expect(didYouMean('chek', ['check', 'audit'])).toBe(' — did you mean check?');
    expect(didYouMean('zzz', ['check', 'audit'])).toBe('');
  });
});
