/** The referral parameter (`aff` unless the program's settings name another) and the referred URL. */
import { describe, expect, it } from 'vitest';
import type { Json, PoCall } from '../../model/types';
import { referralParam, withReferral } from '../referral';

const calls = (...argLists: Json[][]): PoCall[] => argLists.map((args, i) => ({ args, at: i, frame: 'top' }));

describe('referralParam', () => {
  it.each<{ name: string; calls: PoCall[]; expected: string }>([
    { name: 'no calls: aff', calls: [], expected: 'aff' },
    {
      name: 'loader calls only: aff',
      calls: calls(['settings', 'assets_host', 'https://assets.partnero.com'], ['program', 'P1', 'load']),
      expected: 'aff',
    },
    {
      name: "po('program', ID, 'settings', 'link_param', 'ref')",
      calls: calls(['program', 'P1', 'settings', 'link_param', 'ref']),
      expected: 'ref',
    },
    {
      name: 'settings object with link_param',
      calls: calls(['program', 'P1', 'settings', { cookie_time: 30, link_param: 'via' }]),
      expected: 'via',
    },
    {
      name: 'empty link_param is ignored',
      calls: calls(['program', 'P1', 'settings', 'link_param', '']),
      expected: 'aff',
    },
    {
      name: 'non-string link_param is ignored',
      calls: calls(['program', 'P1', 'settings', 'link_param', 5]),
      expected: 'aff',
    },
    {
      name: 'object link_param not a string is ignored',
      calls: calls(['program', 'P1', 'settings', { link_param: ['ref'] }]),
      expected: 'aff',
    },
    {
      name: 'an array as settings value is ignored',
      calls: calls(['program', 'P1', 'settings', ['link_param', 'ref']]),
      expected: 'aff',
    },
    {
      name: 'other settings do not change it',
      calls: calls(
        ['program', 'P1', 'settings', 'cookie_time', 30],
        ['program', 'P1', 'settings', 'url_format', 'query'],
      ),
      expected: 'aff',
    },
    {
      name: "link_param outside po('program', …, 'settings') is ignored",
      calls: calls(['settings', 'link_param', 'ref'], ['program', 'P1', 'type', 'link_param', 'ref']),
      expected: 'aff',
    },
    {
      name: 'the first link_param wins',
      calls: calls(
        ['program', 'P1', 'settings', 'link_param', 'ref'],
        ['program', 'P2', 'settings', 'link_param', 'via'],
      ),
      expected: 'ref',
    },
  ])('$name', ({ calls: c, expected }) => {
    expect(referralParam({ calls: c })).toBe(expected);
  });
});

describe('withReferral', () => {
  it.each<{ name: string; url: string; calls: PoCall[]; key: string; expected: string }>([
    {
      name: 'adds ?aff=KEY',
      url: 'https://shop.example.com/pricing',
      calls: [],
      key: 'TEST',
      expected: 'https://shop.example.com/pricing?aff=TEST',
    },
    {
      name: 'keeps other params and the fragment',
      url: 'https://shop.example.com/pricing?plan=pro#buy',
      calls: [],
      key: 'TEST',
      expected: 'https://shop.example.com/pricing?plan=pro&aff=TEST#buy',
    },
    {
      name: 'replaces an existing aff',
      url: 'https://shop.example.com/?aff=OLD',
      calls: [],
      key: 'NEW',
      expected: 'https://shop.example.com/?aff=NEW',
    },
    {
      name: "uses the program's link_param",
      url: 'https://shop.example.com/',
      calls: calls(['program', 'P1', 'settings', 'link_param', 'ref']),
      key: 'TEST',
      expected: 'https://shop.example.com/?ref=TEST',
    },
    {
      name: 'encodes the key',
      url: 'https://shop.example.com/',
      calls: [],
      key: 'a b&c',
      expected: 'https://shop.example.com/?aff=a+b%26c',
    },
  ])('$name', ({ url, calls: c, key, expected }) => {
    expect(withReferral({ url, calls: c }, key)).toBe(expected);
  });
});
