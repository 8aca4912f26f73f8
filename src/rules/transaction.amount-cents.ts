/** `transaction.amount-cents`: an amount that looks like Stripe's minor units (cents). */

import { callTarget } from './calls';
import { defineRule } from './rule';
import { ZERO_DECIMAL_CURRENCIES } from './stripe';
import { amountValue } from './transactions';

export default defineRule('transaction.amount-cents', ({ transactions }) =>
  transactions.flatMap((tx) => {
    const amount = amountValue(tx);
    const raw = tx.data?.amount;
    // "1000.00" was written with decimals on purpose: only whole numbers look like cents.
    const whole =
      typeof raw === 'number' ? Number.isInteger(raw) : typeof raw === 'string' && /^\d+$/.test(raw.trim());
    const units = tx.data?.amount_units;
    const currency = typeof units === 'string' ? units.trim().toUpperCase() : null;
    if (
      amount === null ||
      amount < 1000 ||
      !whole ||
      (currency !== null && ZERO_DECIMAL_CURRENCIES.has(currency))
    ) {
      return [];
    }
    return [
      {
        severity: 'info',
        message: `data.amount is ${amount}: if it comes from Stripe it is in cents, and Partnero expects ${(amount / 100).toFixed(2)}.`,
        fix: "Divide Stripe's amount by 100 for currencies with cents (Partnero expects major units).",
        target: callTarget(tx, 'data.amount'),
      },
    ];
  }),
);
