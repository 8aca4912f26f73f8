import { describe, expect, it } from 'vitest';
import type { Json } from '../../model/types';
import { finding } from '../../report/__tests__/fixtures';
import { leaves, validatedCalls, valueAt } from '../fields';
import { call, snap, transaction } from './journey';

describe('leaves and valueAt', () => {
  it.each<[Json, string[]]>([
    [transaction, ['data.key', 'data.amount', 'data.customer.key', 'options.create_customer']],
    [{ a: [1, { b: null }], c: {} }, ['a.0', 'a.1.b', 'c']],
    ['text', []],
  ])('%j', (value, paths) => {
    const rows = leaves(value);
    expect(rows.map((r) => r.path)).toEqual(paths);
    for (const row of rows) expect(valueAt(value, row.path)).toEqual(row.value);
  });
});

describe('validatedCalls', () => {
  const findings = [
    finding('transaction.amount', 'error', { target: { call: 1, path: 'data.amount' } }),
    finding('transaction.schema', 'error', { target: { call: 1, path: 'data.customer.email' } }),
    finding('transaction.create-customer', 'warning', { target: { call: 1 } }),
    finding('customer.signup-schema', 'error', { target: { call: 2, path: 'payload' } }),
    finding('program.placeholder', 'error', { target: { call: 0 } }),
  ];
  const page = snap({
    calls: [
      call(['program', 'x', 'load']),
      call(['transactions', 'create', transaction]),
      call(['customers', 'signup']),
    ],
  }).page;
  const calls = validatedCalls(page, findings);

  it('lists the payload-carrying calls only', () => {
    expect(calls.map((c) => [c.index, c.command])).toEqual([
      [1, 'transactions.create'],
      [2, 'customers.signup'],
    ]);
  });

  it.each([
    ['data.amount', '$99.99', ['transaction.amount']],
    ['data.key', 'pi_123', []],
    ['data.customer.email', undefined, ['transaction.schema']],
  ])('puts findings at %s', (path, value, rules) => {
    const row = calls[0]?.fields.find((r) => r.path === path);
    expect(row?.value).toBe(value);
    expect(row?.findings.map((f) => f.rule)).toEqual(rules);
  });

  it('keeps findings about the whole call apart', () => {
    expect(calls.map((c) => c.general.map((f) => f.rule))).toEqual([
      ['transaction.create-customer'],
      ['customer.signup-schema'],
    ]);
  });
});
