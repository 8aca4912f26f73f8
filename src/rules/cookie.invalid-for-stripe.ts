/** `cookie.invalid-for-stripe`: the partner key cannot travel as a Stripe `client_reference_id`. */
import { defineRule } from './rule';
import { isValidReferenceId, referenceIdProblem } from './stripe';
import { quote } from './text';

export default defineRule('cookie.invalid-for-stripe', ({ cookie }) =>
  cookie === null || isValidReferenceId(cookie.value)
    ? []
    : [
        {
          severity: 'error',
          message: `The partnero_partner value ${quote(cookie.value)} ${referenceIdProblem(cookie.value)}: Stripe silently drops it as client_reference_id.`,
          fix: 'Give partners keys of only A-Z a-z 0-9 _ - (Partnero → Partners), and let universal.js write the cookie.',
        },
      ],
);
