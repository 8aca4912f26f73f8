/** `transaction.duplicate`: the same `data.key` sent twice in one tab (a reloaded confirmation page). */

import { callTarget } from './calls';
import { at, keyText } from './json';
import { type Draft, defineRule } from './rule';
import { quote } from './text';

export default defineRule('transaction.duplicate', ({ transactions, history }) => {
  const earlierPages = new Set(history.transactionKeys);
  const thisPage = new Set<string>();
  const findings: Draft[] = [];
  for (const tx of transactions) {
    const key = keyText(at(tx.payload, 'data.key'));
    // Placeholders repeat by nature; `transaction.placeholder` already reports them.
    if (key === null || tx.placeholders.has('data.key')) continue;
    const where = thisPage.has(key)
      ? 'earlier on this page'
      : earlierPages.has(key)
        ? 'on an earlier page of this tab'
        : null;
    thisPage.add(key);
    if (where === null) continue;
    findings.push({
      severity: 'warning',
      message: `The transaction ${quote(key, 40)} was already sent ${where}: a reload or a second script sends it twice.`,
      fix: 'Send the transaction once per order (e.g. only on the first view of the confirmation page).',
      target: callTarget(tx, 'data.key'),
    });
  }
  return findings;
});
