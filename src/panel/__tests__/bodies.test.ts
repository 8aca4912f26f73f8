import { describe, expect, it } from 'vitest';
import { isPartneroUrl } from '../../detect/partnero';
import { BODY_MAX, bodyText, contentOf, observedResponse, wantsBody } from '../bodies';

describe('isPartneroUrl', () => {
  it.each([
    ['https://api.partnero.com/v1/transactions', true],
    ['https://partnero.com/', true],
    ['https://APP.Partnero.com:443/js/universal.js', true],
    ['https://partnero.com.evil.test/', false],
    ['https://evilpartnero.com/', false],
    ['https://shop.test/?u=https://api.partnero.com', false],
  ])('%s', (url, expected) => {
    expect(isPartneroUrl(url)).toBe(expected);
  });
});

describe('wantsBody', () => {
  it.each([
    ['https://api.partnero.com/v1/transactions', 'application/json', true],
    ['https://api.partnero.com/v1/customers', undefined, true],
    ['https://app.partnero.com/js/universal.js', 'application/javascript', false],
    ['https://assets.partnero.com/logo.png', 'image/png', false],
    ['https://shop.test/api', 'application/json', false],
  ])('%s %s', (url, mimeType, expected) => {
    expect(
      wantsBody({ request: { url }, response: { content: mimeType === undefined ? {} : { mimeType } } }),
    ).toBe(expected);
  });
});

describe('bodyText', () => {
  it.each([
    ['{"ok":true}', '', '{"ok":true}'],
    ['{"ok":true}', 'application/json', '{"ok":true}'],
    [btoa('{"message":"é"}'.replace('é', '\u00c3\u00a9')), 'base64', '{"message":"é"}'],
    ['not base64 !!', 'base64', null],
    ['', '', null],
    [null, '', null],
  ])('%j %j', (content, second, expected) => {
    expect(bodyText(content, second)).toBe(expected);
  });

  it('caps what it sends', () => {
    expect(bodyText('x'.repeat(BODY_MAX * 2), '')?.length).toBe(BODY_MAX);
  });
});

describe('contentOf', () => {
  it.each([
    [
      ['{}', ''],
      ['{}', ''],
    ],
    [
      ['{}', 'application/json'],
      ['{}', 'application/json'],
    ],
    [{ content: 'eA==', encoding: 'base64' }, ['eA==', 'base64']],
    [
      [null, ''],
      [null, ''],
    ],
    [undefined, [null, undefined]],
  ])('%j', (result, expected) => {
    expect(contentOf(result)).toEqual(expected);
  });
});

describe('observedResponse', () => {
  const url = 'https://api.partnero.com/v1/transactions';
  it.each([
    [422, ['{"message":"bad"}', ''], { url, status: 422, body: '{"message":"bad"}' }],
    [0, ['{}', ''], { url, body: '{}' }],
    [200, ['', ''], null],
  ])('status %s', (status, content, expected) => {
    expect(observedResponse({ request: { url }, response: { status } }, content)).toEqual(expected);
  });
});
