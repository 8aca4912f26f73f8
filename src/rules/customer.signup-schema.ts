/** `customer.signup-schema`: a signup without the customer key or a usable e-mail address. */
import { SignupPayloadSchema } from '../schemas/customer';
import { callTarget } from './calls';
import { describeProblems, problemsOf } from './problems';
import { defineRule } from './rule';

export default defineRule('customer.signup-schema', ({ signups }) =>
  signups.flatMap((signup) => {
    const problems = problemsOf(SignupPayloadSchema, signup.payload);
    const [first] = problems;
    if (first === undefined) return [];
    return [
      {
        severity: 'error',
        message: `This customer signup is incomplete: ${describeProblems(problems)}.`,
        fix: "Call po('customers','signup',{data:{key: STRIPE_CUSTOMER_ID, email, name}}) with the real values.",
        target: callTarget(signup, first.path),
      },
    ];
  }),
);
