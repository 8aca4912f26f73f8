// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../model/types';
import { type ChecklistId, rowOf } from '../checklist';
import { finding } from './fixtures';

describe('rowOf', () => {
  it.each<[Finding, ChecklistId]>([
    [finding('snippet.duplicate', 'warning'), 'loader'],
    [finding('po.undefined', 'error'), 'loader'],
    [finding('settings.assets-host', 'warning'), 'loader'],
    [finding('program.multiple', 'info'), 'program'],
    [finding('cookie.invalid-for-stripe', 'error'), 'cookie'],
    [finding('embed.missing-client-reference-id', 'warning'), 'links'],
    [finding('checkout.navigation-not-attributed', 'error'), 'links'],
    [finding('customer.signup-schema', 'error'), 'transactions'],
    [
      finding('network.request-failed', 'error', {
        target: { href: 'https://api.partnero.com/v1/transactions' },
      }),
      'transactions',
    ],
    [
      finding('network.request-failed', 'error', {
        target: { href: 'https://app.partnero.com/pub/v1/customers/signup?x=1' },
      }),
      'transactions',
    ],
    [
      finding('network.request-failed', 'error', {
        target: { href: 'https://app.partnero.com/js/universal.js?transactions' },
      }),
      'loader',
    ],
    [finding('network.request-failed', 'error'), 'loader'],
  ])('%j → %s', (f, expected) => {
    expect(rowOf(f)).toBe(expected);
  });
});
