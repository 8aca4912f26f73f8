/** `transaction.placeholder`: a transaction field still holds the guide's or a template's placeholder. */

import { callTarget } from './calls';
import { defineRule } from './rule';
import { quote } from './text';

export default defineRule('transaction.placeholder', ({ transactions }) =>
  transactions.flatMap((tx) =>
    [...tx.placeholders].map(([path, value]) => ({
      severity: 'error',
      message: `${path} is ${quote(value)}: a template value left unfilled, so Partnero cannot match this sale.`,
      fix: 'Fill it from the order on the server (Stripe charge id ch_…, customer id cus_…, product id prod_…).',
      target: callTarget(tx, path),
    })),
  ),
);
