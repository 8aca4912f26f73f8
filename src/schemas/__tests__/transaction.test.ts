import { describe, expect, it } from 'vitest';
import { TransactionPayloadSchema } from '../transaction';

const data = { key: 'ch_1', amount: 99.99, customer: { key: 'cus_1' } };

describe('TransactionPayloadSchema', () => {
  it.each([
    { name: 'minimal', payload: { data } },
    {
      name: 'all optional fields',
      payload: {
        data: { ...data, amount_units: 'usd', product_id: 'prod_1', product_type: 'monthly' },
        options: { create_customer: true },
      },
    },
    {
      name: 'string amount and numeric keys',
      payload: { data: { key: 1, amount: '$99', customer: { key: 2 } } },
    },
    {
      name: 'null optional fields',
      payload: { data: { ...data, amount_units: null, product_id: null }, options: null },
    },
    { name: 'extra keys', payload: { data: { ...data, coupon: 'X' }, extra: 1 } },
  ])('accepts $name', ({ payload }) => {
    expect(TransactionPayloadSchema.safeParse(payload).success).toBe(true);
  });

  it.each([
    { name: 'no payload', payload: undefined, paths: [''] },
    { name: 'no data', payload: {}, paths: ['data'] },
    { name: 'data is an array', payload: { data: [] }, paths: ['data'] },
    { name: 'missing fields', payload: { data: {} }, paths: ['data.key', 'data.amount', 'data.customer'] },
    {
      name: 'null amount (NaN on the page)',
      payload: { data: { ...data, amount: null } },
      paths: ['data.amount'],
    },
    {
      name: 'object key, boolean customer key',
      payload: { data: { ...data, key: {}, customer: { key: true } } },
      paths: ['data.key', 'data.customer.key'],
    },
    {
      name: 'numeric currency',
      payload: { data: { ...data, amount_units: 840 } },
      paths: ['data.amount_units'],
    },
    { name: 'options not an object', payload: { data, options: true }, paths: ['options'] },
  ])('rejects $name', ({ payload, paths }) => {
    const issues = TransactionPayloadSchema.safeParse(payload).error?.issues ?? [];
    expect(issues.map((issue) => issue.path.join('.'))).toEqual(paths);
  });
});
