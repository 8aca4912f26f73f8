/** `snippet.queue-stuck`: calls wait in `po.q` after the watch period; universal.js never took over. */
import { defineRule } from './rule';
import { plural } from './text';

export default defineRule('snippet.queue-stuck', ({ page, queueName }) => {
  // Decided only once the grace period after load is over: before that, it may still load.
  if (!page.watchEnded || page.queue === null) return [];
  const { pending, processed } = page.queue;
  if (processed || !(pending > 0)) return [];
  return [
    {
      severity: 'error',
      message: `${plural(pending, 'call')} still wait in ${queueName}.q: universal.js never took over the queue, so nothing was tracked.`,
      fix: 'Make sure universal.js loads (URL in the snippet, blockers, CSP) and the program id is filled in.',
    },
  ];
});
