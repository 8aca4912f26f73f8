// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isPartneroUrl, type StubRequest, stubPartnero } from '..';

const get = (url: string): StubRequest => ({ url, method: 'GET' });
const post = (url: string, payload: unknown): StubRequest => ({
  url,
  method: 'POST',
  body: JSON.stringify(payload),
});
const settingsUrl = (id: string) => `https://assets.partnero.com/program/${id}/settings/settings.js`;
const TRANSACTIONS = 'https://app.partnero.com/pub/v1/transactions';
const CUSTOMERS = 'https://app.partnero.com/pub/v1/customers';

const validTransaction = {
  program: 'QK3M2L9A',
  partner: 'TEST',
  data: { key: 'ch_3MmlLrLkdIwHu7ix0snN0B15', amount: 99.99, customer: { key: 'cus_NffrFeUfNV2Hib' } },
  options: { create_customer: true },
};

/** validTransaction with `data` fields replaced. */
const transactionWith = (data: Record<string, unknown>) => ({
  ...validTransaction,
  data: { ...validTransaction.data, ...data },
});

const errorsOf = (req: StubRequest) => JSON.parse(stubPartnero(req).body).errors as Record<string, string[]>;

describe('isPartneroUrl', () => {
  it.each([
    ['https://app.partnero.com/js/universal.js?v1', true],
    ['https://assets.partnero.com/program/X/settings/settings.js', true],
    ['https://partnero.com/', true],
    ['https://APP.Partnero.COM./x', true],
    ['https://notpartnero.com/', false],
    ['https://partnero.com.evil.test/', false],
    ['https://buy.stripe.com/test_123', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isPartneroUrl(url)).toBe(expected);
  });
});

describe('stubPartnero scripts', () => {
  it('serves the universal.js stand-in whatever the cache-busting suffix', () => {
    const res = stubPartnero(get('https://app.partnero.com/js/universal.js?v1790'));
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/javascript/);
    expect(res.body).toContain('__partnerObject');
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe('*');
  });

  it('serves settings.js that feeds the program settings to the page queue', () => {
    const res = stubPartnero(get(settingsUrl('QK3M2L9A')));
    expect(res.status).toBe(200);
    expect(res.body).toContain("window[window.__partnerObject || 'po']");
    expect(res.body).toContain(`po('settings', 'host', "https://app.partnero.com/pub/v1");`);
    expect(res.body).toContain(`po('program', "QK3M2L9A", 'type', 'affiliate');`);
    expect(res.body).toContain(`po('program', "QK3M2L9A", 'settings', 'cookie_time', 30);`);
    expect(res.body).toContain(`po('program', "QK3M2L9A", 'settings', 'url_format', "query");`);
    expect(res.body).toContain(`po('program', "QK3M2L9A", 'settings', 'link_param', "aff");`);
  });

  it.each(['abc123', 'prog_1-A', 'x'.repeat(64)])('accepts the well-formed program id %s', (id) => {
    expect(stubPartnero(get(settingsUrl(id))).status).toBe(200);
  });

  it.each([
    'PUBLIC_PROGRAM_ID',
    'undefined',
    'null',
    '',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an unrendered template is the case under test
    '${PARTNERO_PROGRAM_ID}',
    '{{ program_id }}',
    '<?= $program_id ?>',
    '%PROGRAM_ID%',
    'x'.repeat(65),
    'two words',
  ])('answers 404 for the placeholder or malformed program id %j', (id) => {
    expect(stubPartnero(get(settingsUrl(id))).status).toBe(404);
  });

  it.each([
    get('https://app.partnero.com/js/other.js'),
    get('https://assets.partnero.com/js/universal.js'),
    get(TRANSACTIONS),
    post('https://app.partnero.com/js/universal.js', {}),
    get('https://example.com/js/universal.js'),
  ])('answers 404 JSON for anything else: $method $url', (req) => {
    const res = stubPartnero(req);
    expect(res.status).toBe(404);
    expect(res.contentType).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({ message: 'Not Found' });
  });

  it('answers CORS preflights with 204 and the allow headers', () => {
    const res = stubPartnero({ url: TRANSACTIONS, method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect(res.headers).toMatchObject({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': expect.stringContaining('POST'),
      'Access-Control-Allow-Headers': expect.stringContaining('Content-Type'),
    });
  });
});

describe('stubPartnero transactions API', () => {
  it('stores a valid transaction and echoes it with program and partner', () => {
    const res = stubPartnero(post(TRANSACTIONS, validTransaction));
    expect(res.status).toBe(200);
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe('*');
    expect(JSON.parse(res.body)).toEqual({
      data: { ...validTransaction.data, program: 'QK3M2L9A', partner: 'TEST' },
    });
  });

  it.each([
    ['a numeric string amount', { amount: '99.99' }],
    ['a zero amount', { amount: 0 }],
    ['a non-Stripe key (the API cannot tell)', { key: 'pi_3Mtw' }],
  ])('accepts %s', (_, data) => {
    expect(stubPartnero(post(TRANSACTIONS, transactionWith(data))).status).toBe(200);
  });

  it.each([
    ['missing key', { key: undefined }, { key: ['The key field is required.'] }],
    ['placeholder key', { key: 'STRIPE_CHARGE_ID' }, { key: ['The selected key is invalid.'] }],
    ['template key', { key: '{{ charge.id }}' }, { key: ['The selected key is invalid.'] }],
    ['numeric key', { key: 42 }, { key: ['The key must be a string.'] }],
    ['missing amount', { amount: undefined }, { amount: ['The amount field is required.'] }],
    ['amount with $', { amount: '$49.00' }, { amount: ['The amount must be a number.'] }],
    ['amount with comma', { amount: '49,00' }, { amount: ['The amount must be a number.'] }],
    ['negative amount', { amount: -5 }, { amount: ['The amount must be at least 0.'] }],
    [
      'customer as a string',
      { customer: 'cus_NffrFeUfNV2Hib' },
      { 'customer.key': ['The customer.key field is required.'] },
    ],
    [
      'placeholder customer key',
      { customer: { key: 'STRIPE_CUSTOMER_ID' } },
      { 'customer.key': ['The selected customer.key is invalid.'] },
    ],
  ])('answers 422 for a %s', (_, data, errors) => {
    const req = post(TRANSACTIONS, transactionWith(data));
    const res = stubPartnero(req);
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body)).toEqual({ message: 'The given data was invalid.', errors });
  });

  it.each(['not json', '[]', ''])('lists every required field for the body %j', (body) => {
    expect(Object.keys(errorsOf({ url: TRANSACTIONS, method: 'POST', body }))).toEqual([
      'key',
      'amount',
      'customer.key',
    ]);
  });
});

describe('stubPartnero customers API', () => {
  const customer = {
    program: 'QK3M2L9A',
    partner: null,
    data: { key: 'cus_1', name: 'Jane', email: 'jane@example.com' },
  };

  it('stores a valid signup', () => {
    const res = stubPartnero(post(CUSTOMERS, customer));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).data).toMatchObject({
      key: 'cus_1',
      email: 'jane@example.com',
      partner: null,
    });
  });

  it.each([
    [{ key: 'cus_1' }, { email: ['The email field is required.'] }],
    [{ key: 'cus_1', email: 'jane.example.com' }, { email: ['The email must be a valid email address.'] }],
    [{ email: 'jane@example.com' }, { key: ['The key field is required.'] }],
  ])('answers 422 for %j', (data, errors) => {
    expect(stubPartnero(post(CUSTOMERS, { ...customer, data })).status).toBe(422);
    expect(errorsOf(post(CUSTOMERS, { ...customer, data }))).toEqual(errors);
  });
});
