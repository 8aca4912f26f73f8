/** `transaction.currency`: `amount_units` is not a three-letter ISO 4217 code. */

import { callTarget } from './calls';
import { defineRule } from './rule';
import { show } from './text';

export default defineRule('transaction.currency', ({ transactions }) =>
  transactions.flatMap((tx) => {
    const units = tx.data?.amount_units;
    // Other types are `transaction.schema`'s; placeholders are filed under theirs by causes.ts.
    if (typeof units !== 'string' || /^[A-Za-z]{3}$/.test(units)) return [];
    return [
      {
        severity: 'error',
        message: `data.amount_units is ${show(units)}, not a three-letter currency code like "usd" or "EUR".`,
        fix: "Pass the ISO 4217 code (Stripe's charge.currency), not a symbol or a name.",
        target: callTarget(tx, 'data.amount_units'),
      },
    ];
  }),
);
