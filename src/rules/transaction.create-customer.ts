/**
 * `transaction.create-customer`: Partnero drops a transaction whose customer it does not
 * know, unless asked to create it or a signup for that key was seen in the tab.
 */

import { callTarget } from './calls';
import { at, keyText } from './json';
import { defineRule } from './rule';

export default defineRule('transaction.create-customer', ({ transactions, signupKeys }) =>
  transactions
    .filter((tx) => {
      const key = keyText(at(tx.payload, 'data.customer.key'));
      return at(tx.payload, 'options.create_customer') !== true && (key === null || !signupKeys.has(key));
    })
    .map((tx) => ({
      severity: 'warning',
      message:
        "options.create_customer is not true and no po('customers','signup') for this customer was seen: the sale is dropped unless the customer already exists in Partnero.",
      fix: "Add options: { create_customer: true } (or call po('customers','signup') for the customer first).",
      target: callTarget(tx, 'options.create_customer'),
    })),
);
