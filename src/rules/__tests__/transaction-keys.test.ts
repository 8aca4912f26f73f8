import type { Json } from '../../model/types';
import { cookie, create, NO_HISTORY, SIGNUP, TX_CALL, transaction, withCalls } from './fixtures';
import { describeRules } from './table';

describeRules({
  'transaction.key-format': [
    { name: 'charge', page: withCalls(create(transaction())), expect: [] },
    { name: 'payment', page: withCalls(create(transaction({ key: 'py_1' }))), expect: [] },
    {
      name: 'payment intent',
      page: withCalls(create(transaction({ key: 'pi_3Mml' }))),
      expect: ['warning'],
      message: '"pi_3Mml"',
    },
    { name: 'order number', page: withCalls(create(transaction({ key: 1042 }))), expect: ['warning'] },
    {
      name: 'placeholder',
      page: withCalls(create(transaction({ key: 'STRIPE_CHARGE_ID' }))),
      expect: ['warning'],
      causedBy: 'transaction.placeholder',
    },
    { name: 'wrong type', page: withCalls(create(transaction({ key: {} }))), expect: [] },
  ],
  'transaction.customer-key-format': [
    { name: 'customer id', page: withCalls(create(transaction())), expect: [] },
    {
      name: 'e-mail',
      page: withCalls(create(transaction({ customer: { key: 'jane@example.com' } }))),
      expect: ['warning'],
      target: { path: 'data.customer.key' },
    },
    {
      name: 'placeholder',
      page: withCalls(create(transaction({ customer: { key: 'STRIPE_CUSTOMER_ID' } }))),
      expect: ['warning'],
      causedBy: 'transaction.placeholder',
    },
  ],
  'transaction.create-customer': [
    { name: 'create_customer', page: withCalls(create(transaction())), expect: [] },
    { name: 'neither', page: withCalls(create(transaction({}, {}))), expect: ['warning'] },
    {
      name: 'no options at all',
      page: withCalls(create({ data: (transaction() as { data: Json }).data })),
      expect: ['warning'],
    },
    { name: 'signup on this page', page: withCalls(SIGNUP, create(transaction({}, null))), expect: [] },
    {
      name: 'signup earlier in the tab',
      page: withCalls(create(transaction({}, {}))),
      history: { ...NO_HISTORY, signupKeys: ['cus_NffrFeUfNV2Hib'] },
      expect: [],
    },
    {
      name: 'signup of another customer',
      page: withCalls(
        ['customers', 'signup', { data: { key: 'cus_X', email: 'x@y.z' } }],
        create(transaction({}, {})),
      ),
      expect: ['warning'],
    },
  ],
  'transaction.duplicate': [
    { name: 'once', page: withCalls(create(transaction())), expect: [] },
    {
      name: 'twice on this page',
      page: withCalls(create(transaction()), create(transaction())),
      expect: ['warning'],
      target: { call: TX_CALL + 1 },
    },
    {
      name: 'reloaded page',
      page: withCalls(create(transaction())),
      history: { ...NO_HISTORY, transactionKeys: ['ch_3MmlLrLkdIwHu7ix0snN0B15'] },
      expect: ['warning'],
      message: 'earlier page',
    },
    {
      name: 'placeholders repeat',
      page: withCalls(
        create(transaction({ key: 'STRIPE_CHARGE_ID' })),
        create(transaction({ key: 'STRIPE_CHARGE_ID' })),
      ),
      expect: [],
    },
  ],
  'transaction.no-referral': [
    { name: 'referred', page: { ...withCalls(create(transaction())), cookie: cookie() }, expect: [] },
    {
      name: 'not referred',
      page: withCalls(create(transaction())),
      expect: ['info'],
      target: { call: TX_CALL },
    },
  ],
});
