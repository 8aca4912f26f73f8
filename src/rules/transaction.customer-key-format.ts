/** `transaction.customer-key-format`: `data.customer.key` is not a Stripe customer id. */

import { callTarget } from './calls';
import { defineRule } from './rule';
import { quote } from './text';
import { keysWithoutPrefix } from './transactions';

export default defineRule('transaction.customer-key-format', (ctx) =>
  keysWithoutPrefix(ctx, 'data.customer.key', ['cus_']).map(({ tx, key }) => ({
    severity: 'warning',
    message: `data.customer.key is ${quote(key, 40)}, not a Stripe customer id (cus_…): recurring payments from Stripe will not match this customer.`,
    fix: "Use the Stripe customer id (charge.customer), the same one used in po('customers','signup').",
    target: callTarget(tx, 'data.customer.key'),
  })),
);
