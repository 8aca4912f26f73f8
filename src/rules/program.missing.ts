/**
 * `program.missing`: the loader is there but no program is ever loaded. Decided at the end
 * of the watch period: a consent manager or tag manager may load the program late, and the
 * badge must not flash red while the page is still loading.
 */
import { defineRule } from './rule';

export default defineRule('program.missing', ({ page, present, programLoads, queueName }) =>
  // A load with a bad id is `program.placeholder`: any load call at all settles this rule.
  !page.watchEnded || !present || programLoads.length > 0
    ? []
    : [
        {
          severity: 'error',
          message: `The Partnero loader is on the page but ${queueName}('program', ID, 'load') is never called: nothing is tracked.`,
          fix: "Add po('program', 'YOUR_PUBLIC_PROGRAM_ID', 'load') after the snippet (id from Partnero → Integration).",
        },
      ],
);
