/** Findings with their consequences shown under the root cause (popup and panel). */
import type { Finding } from '../../model/types';
import './finding-list.css';
import { ruleDocsUrl } from './rule-docs';

const MARK = { error: '✗', warning: '!', info: 'i' } as const;

export function FindingList({ findings }: { findings: Finding[] }) {
  // A consequence whose cause sits in another list is shown on its own, still naming the cause.
  const roots = findings.filter(
    (f) => !f.causedBy || !findings.some((r) => r.rule === f.causedBy && !r.causedBy),
  );
  const consequences = (root: Finding) => findings.filter((f) => f.causedBy === root.rule && f !== root);
  if (!findings.length) return null;
  return (
    <ul class="findings">
      {roots.map((f, i) => (
        <li key={`${f.rule}-${i}`} class={`finding sev-${f.severity}`}>
          <FindingRow f={f} />
          {consequences(f).length > 0 && (
            <ul class="consequences">
              {consequences(f).map((c, j) => (
                <li key={`${c.rule}-${j}`} class={`finding sev-${c.severity} caused`}>
                  <FindingRow f={c} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

function FindingRow({ f }: { f: Finding }) {
  return (
    <div class="finding-row">
      <span class="sev-mark" role="img" aria-label={f.severity} title={f.severity}>
        {MARK[f.severity]}
      </span>
      <div class="finding-body">
        <div class="finding-message">{f.message}</div>
        {f.fix && <div class="finding-fix">Fix: {f.fix}</div>}
        <code class="finding-rule">
          {f.rule}
          {f.target?.path ? ` · ${f.target.path}` : ''}
          {f.causedBy ? ` · caused by ${f.causedBy}` : ''}
        </code>{' '}
        <a class="finding-docs" href={ruleDocsUrl(f.rule)} target="_blank" rel="noopener noreferrer">
          Learn more<span class="visually-hidden"> about {f.rule}</span>
        </a>
      </div>
    </div>
  );
}
