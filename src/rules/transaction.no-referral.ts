/** `transaction.no-referral`: a sale on a visit without a partner cookie — nobody to credit, by design. */
import { callTarget } from './calls';
import { defineRule } from './rule';

export default defineRule('transaction.no-referral', ({ transactions, cookie }) =>
  cookie !== null
    ? []
    : transactions.map((tx) => ({
        severity: 'info',
        message:
          'This transaction is created on a visit without a partnero_partner cookie: no partner will be credited.',
        fix: 'To test attribution, first open the site with ?aff=TEST, then complete the purchase in the same browser.',
        cliFix:
          'To test attribution, check the journey from a landing page with --aff TEST (partnero-inspector check LANDING_URL … CONFIRMATION_URL --aff TEST): the cookie set on the first page reaches this one.',
        target: callTarget(tx),
      })),
);
