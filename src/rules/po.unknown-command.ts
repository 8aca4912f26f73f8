/** `po.unknown-command`: a call whose first argument is not a command Partnero knows. */
import { argsOf } from './json';
import { type Draft, defineRule } from './rule';
import { show } from './text';

const KNOWN = new Set(['settings', 'program', 'transactions', 'customers', 'integration']);

export default defineRule('po.unknown-command', ({ page, queueName }) => {
  const seen = new Set<string>();
  const findings: Draft[] = [];
  page.calls.forEach((entry, call) => {
    const [command] = argsOf(entry);
    if (typeof command === 'string' && KNOWN.has(command)) return;
    const shown = show(command, 40);
    if (seen.has(shown)) return;
    seen.add(shown);
    findings.push({
      severity: 'info',
      message: `${queueName}(${shown}, …) is not a Partnero command (known: ${[...KNOWN].join(', ')}); universal.js ignores it.`,
      fix: 'Check the spelling of the command (e.g. "transactions", plural) against the Partnero guide.',
      target: { call, frame: entry.frame },
    });
  });
  return findings;
});
