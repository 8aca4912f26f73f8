/** Stripe facts: which URLs are Payment Links / checkout, and what Stripe accepts as client_reference_id. */
import { describe, expect, it } from 'vitest';
import {
  clientReferenceIdOf,
  isPaymentLink,
  isStripeCheckout,
  queryBurying,
  STRIPE_REFERENCE_ID,
} from '../stripe';

describe('isPaymentLink', () => {
  it.each<{ href: string; expected: boolean }>([
    { href: 'https://buy.stripe.com/aEU5lm', expected: true },
    { href: 'https://buy.stripe.com/test_3cs9CS5HG6eQ8dW002', expected: true },
    { href: 'https://buy.stripe.com/aEU5lm?client_reference_id=P1', expected: true },
    { href: 'https://buy.stripe.com/', expected: true },
    { href: 'http://buy.stripe.com/aEU5lm', expected: false },
    { href: 'https://checkout.stripe.com/c/pay/cs_test_1', expected: false },
    { href: 'https://buy.stripe.com.evil.test/aEU5lm', expected: false },
    { href: 'https://buy.stripe.com@evil.test/aEU5lm', expected: false },
    { href: 'https://evil.test/https://buy.stripe.com/aEU5lm', expected: false },
    { href: 'https://stripe.com/payments/payment-links', expected: false },
    { href: '/buy.stripe.com/aEU5lm', expected: false },
    { href: '', expected: false },
  ])('$href → $expected', ({ href, expected }) => {
    expect(isPaymentLink(href)).toBe(expected);
  });
});

describe('isStripeCheckout', () => {
  it.each<{ url: string; expected: boolean }>([
    { url: 'https://buy.stripe.com/aEU5lm', expected: true },
    { url: 'https://buy.stripe.com/test_3cs9CS5HG6eQ8dW002', expected: true },
    { url: 'https://checkout.stripe.com/c/pay/cs_test_a1', expected: true },
    { url: 'http://checkout.stripe.com/c/pay/cs_test_a1', expected: false },
    { url: 'https://dashboard.stripe.com/payments', expected: false },
    { url: 'https://js.stripe.com/v3/', expected: false },
    { url: 'https://checkout.stripe.com.evil.test/x', expected: false },
    { url: 'https://buy.stripe.com', expected: false },
    { url: 'https://shop.example.com/checkout', expected: false },
  ])('$url → $expected', ({ url, expected }) => {
    expect(isStripeCheckout(url)).toBe(expected);
  });
});

describe('clientReferenceIdOf', () => {
  it.each<{ name: string; href: string; expected: string | null }>([
    { name: 'absent', href: 'https://buy.stripe.com/aEU5lm', expected: null },
    { name: 'present', href: 'https://buy.stripe.com/aEU5lm?client_reference_id=P_1', expected: 'P_1' },
    {
      name: 'among other params',
      href: 'https://buy.stripe.com/x?a=1&client_reference_id=P1&b=2',
      expected: 'P1',
    },
    { name: 'empty value', href: 'https://buy.stripe.com/x?client_reference_id=', expected: '' },
    { name: 'decoded', href: 'https://buy.stripe.com/x?client_reference_id=a%20b', expected: 'a b' },
    {
      name: '+ is a space in a query',
      href: 'https://buy.stripe.com/x?client_reference_id=a+b',
      expected: 'a b',
    },
    {
      name: 'first of duplicates',
      href: 'https://buy.stripe.com/x?client_reference_id=A&client_reference_id=B',
      expected: 'A',
    },
    {
      name: 'in the fragment only: not a param',
      href: 'https://buy.stripe.com/x#client_reference_id=P1',
      expected: null,
    },
    { name: 'other spelling', href: 'https://buy.stripe.com/x?clientReferenceId=P1', expected: null },
    {
      name: 'after a second "?": part of the previous value, as Stripe reads it',
      href: 'https://buy.stripe.com/x?locale=de?client_reference_id=P1',
      expected: null,
    },
    { name: 'relative URL cannot be parsed', href: '/x?client_reference_id=P1', expected: null },
    { name: 'not a URL', href: 'not a url', expected: null },
    { name: 'empty', href: '', expected: null },
  ])('$name', ({ href, expected }) => {
    expect(clientReferenceIdOf(href)).toBe(expected);
  });
});

describe('queryBurying', () => {
  it.each<{ name: string; href: string; expected: string | null }>([
    {
      name: 'appended after ?locale=de',
      href: 'https://buy.stripe.com/x?locale=de?client_reference_id=P1',
      expected: '?locale=de',
    },
    {
      name: 'after several parameters',
      href: 'https://buy.stripe.com/x?a=1&prefilled_email=a%40b.co?client_reference_id=P1',
      expected: '?a=1&prefilled_email=a%40b.co',
    },
    {
      name: 'set as a parameter',
      href: 'https://buy.stripe.com/x?locale=de&client_reference_id=P1',
      expected: null,
    },
    { name: 'the only parameter', href: 'https://buy.stripe.com/x?client_reference_id=P1', expected: null },
    {
      name: 'a real id as well: not missing',
      href: 'https://buy.stripe.com/x?client_reference_id=P1&n=a?client_reference_id=P2',
      expected: null,
    },
    {
      name: 'in the fragment',
      href: 'https://buy.stripe.com/x?locale=de#?client_reference_id=P1',
      expected: null,
    },
    { name: 'no query', href: 'https://buy.stripe.com/x', expected: null },
    { name: 'not a URL', href: 'x?a?client_reference_id=P1', expected: null },
  ])('$name', ({ href, expected }) => {
    expect(queryBurying(href)).toBe(expected);
  });
});

describe('STRIPE_REFERENCE_ID', () => {
  it.each<{ name: string; id: string; valid: boolean }>([
    { name: 'letters and digits', id: 'PARTNER42', valid: true },
    { name: 'underscore and dash', id: 'a_b-c', valid: true },
    { name: 'one character', id: 'x', valid: true },
    { name: '200 characters', id: 'a'.repeat(200), valid: true },
    { name: '201 characters', id: 'a'.repeat(201), valid: false },
    { name: 'empty', id: '', valid: false },
    { name: 'space', id: 'a b', valid: false },
    { name: 'e-mail', id: 'jane@example.com', valid: false },
    { name: 'dot', id: 'a.b', valid: false },
    { name: 'percent-encoded', id: 'a%20b', valid: false },
    { name: 'non-ASCII letter', id: 'été', valid: false },
    { name: 'trailing newline', id: 'abc\n', valid: false },
  ])('$name → $valid', ({ id, valid }) => {
    expect(STRIPE_REFERENCE_ID.test(id)).toBe(valid);
  });
});
