import { create, TX_CALL, transaction, withAmount, withCalls } from './fixtures';
import { type Case, describeRules } from './table';

describeRules({
  'transaction.schema': [
    { name: 'guide shape', page: withCalls(create(transaction())), expect: [] },
    {
      name: 'string amount, numeric keys',
      page: withCalls(create(transaction({ key: 42, amount: '10', customer: { key: 7 } }))),
      expect: [],
    },
    {
      name: 'no payload',
      page: withCalls(['transactions', 'create']),
      expect: ['error'],
      message: 'payload: missing',
    },
    {
      name: 'no data',
      page: withCalls(create({ options: {} })),
      expect: ['error'],
      message: 'data: missing',
    },
    {
      name: 'every problem with its path',
      page: withCalls(create({ data: { key: true, amount: null, customer: [] } })),
      expect: ['error'],
      message:
        'data.key: expected a string or a number, got a boolean; data.amount: missing (null); data.customer: expected an object, got an array',
      target: { call: TX_CALL, path: 'data.key' },
    },
    {
      name: 'options not an object',
      page: withCalls(create(transaction({}, 'yes'))),
      expect: ['error'],
      message: 'options',
    },
    { name: 'wrong-format amount is not schema', page: withAmount('$99.99'), expect: [] },
    {
      name: 'placeholder is not schema',
      page: withCalls(create(transaction({ key: 'STRIPE_CHARGE_ID' }))),
      expect: [],
    },
  ],
  'transaction.placeholder': [
    { name: 'filled', page: withCalls(create(transaction())), expect: [] },
    {
      name: "the guide's values",
      page: withCalls(
        create(
          transaction({
            key: 'STRIPE_CHARGE_ID',
            product_id: 'STRIPE_PRODUCT_ID',
            customer: { key: 'STRIPE_CUSTOMER_ID' },
          }),
        ),
      ),
      expect: ['error', 'error', 'error'],
      target: { call: TX_CALL, path: 'data.key' },
    },
    ...[
      'undefined',
      'null',
      'NaN',
      '[object Object]',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an unfilled JS template is the case under test
      '${total}',
      '{{ order.total }}',
      '<?php echo $total ?>',
    ].map(
      (amount): Case => ({
        name: amount,
        page: withAmount(amount),
        expect: ['error'],
        target: { path: 'data.amount' },
      }),
    ),
  ],
});
