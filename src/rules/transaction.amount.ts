/** `transaction.amount`: an amount Partnero cannot read as a number of major units. */

import { callTarget } from './calls';
import { defineRule } from './rule';
import { show } from './text';
import { amountValue } from './transactions';

export default defineRule('transaction.amount', ({ transactions }) =>
  transactions.flatMap((tx) => {
    const amount = tx.data?.amount;
    // Other types are `transaction.schema`'s; a placeholder (e.g. "NaN") is reported here too,
    // filed under `transaction.placeholder` by causes.ts.
    const readable = typeof amount === 'number' || typeof amount === 'string';
    if (!readable || amountValue(tx) !== null) return [];
    return [
      {
        severity: 'error',
        message: `data.amount is ${show(amount)}: Partnero needs a number ≥ 0 or a plain numeric string like "99.99".`,
        fix: 'Pass the amount in major units without currency symbol, sign, spaces or thousands separators, with a dot for decimals.',
        target: callTarget(tx, 'data.amount'),
      },
    ];
  }),
);
