/** `snippet.missing`: the page shows Partnero is expected but never loads it. */
import { defineRule } from './rule';
import { list } from './text';

export default defineRule('snippet.missing', ({ present, evidence, held }) =>
  // A loader held back by a consent manager or optimizer is in the page: snippet.delayed's.
  present || held.length > 0
    ? []
    : [
        {
          severity: 'error',
          message: `Partnero is not loaded on this page (no po queue, no universal.js), although it has ${list(evidence)}.`,
          fix: 'Add the Partnero Universal snippet, with your program id, just before </head> on every page.',
        },
      ],
);
