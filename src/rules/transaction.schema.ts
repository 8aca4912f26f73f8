/** `transaction.schema`: the create payload lacks a required field or has one of an impossible type. */
import { TransactionPayloadSchema } from '../schemas/transaction';
import { callTarget } from './calls';
import { describeProblems, problemsOf } from './problems';
import { defineRule } from './rule';

export default defineRule('transaction.schema', ({ transactions }) =>
  transactions.flatMap((tx) => {
    const problems = problemsOf(TransactionPayloadSchema, tx.payload);
    const [first] = problems;
    if (first === undefined) return [];
    return [
      {
        severity: 'error',
        message: `This transaction does not have the shape Partnero expects: ${describeProblems(problems)}.`,
        fix: "Follow the guide: po('transactions','create',{data:{key, amount, customer:{key}}, options:{create_customer:true}}).",
        target: callTarget(tx, first.path),
      },
    ];
  }),
);
