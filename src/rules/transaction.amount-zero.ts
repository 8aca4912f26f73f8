/** `transaction.amount-zero`: a zero amount — a free trial is fine, a lost order total is not. */

import { callTarget } from './calls';
import { defineRule } from './rule';
import { amountValue } from './transactions';

export default defineRule('transaction.amount-zero', ({ transactions }) =>
  transactions
    .filter((tx) => amountValue(tx) === 0)
    .map((tx) => ({
      severity: 'warning',
      message: 'data.amount is 0: the partner earns no commission on this sale.',
      fix: 'Check the order total is read after it is computed (not from an empty cart); skip free orders on purpose.',
      target: callTarget(tx, 'data.amount'),
    })),
);
