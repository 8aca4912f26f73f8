/** `transaction.key-format`: `data.key` is not a Stripe charge id, so refunds and renewals will not match. */

import { callTarget } from './calls';
import { defineRule } from './rule';
import { quote } from './text';
import { keysWithoutPrefix } from './transactions';

export default defineRule('transaction.key-format', (ctx) =>
  keysWithoutPrefix(ctx, 'data.key', ['ch_', 'py_']).map(({ tx, key }) => ({
    severity: 'warning',
    message: `data.key is ${quote(key, 40)}, not a Stripe charge id (ch_… or py_…).`,
    fix: 'Use the charge id (payment_intent.latest_charge), not the payment intent, session or order number.',
    target: callTarget(tx, 'data.key'),
  })),
);
