/** `program.missing`: the loader is there but no program is ever loaded. */
import { defineRule } from './rule';

export default defineRule('program.missing', ({ present, programLoads, queueName }) =>
  // A load with a bad id is `program.placeholder`: any load call at all settles this rule.
  !present || programLoads.length > 0
    ? []
    : [
        {
          severity: 'error',
          message: `The Partnero loader is on the page but ${queueName}('program', ID, 'load') is never called: nothing is tracked.`,
          fix: "Add po('program', 'YOUR_PUBLIC_PROGRAM_ID', 'load') after the snippet (id from Partnero → Integration).",
        },
      ],
);
