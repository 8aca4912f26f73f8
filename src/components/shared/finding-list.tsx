/** Findings with each consequence under the one finding that explains it (popup and panel). */
import type { Finding } from '../../model/types';
import { type CauseNode, causeTree } from '../../report/cause-tree';
import { findingMark, MARKS } from '../../report/marks';
import './finding-list.css';
import { ruleDocsUrl } from './rule-docs';
import './visually-hidden.css';

/**
 * `findings` (a page's, or the part of them a view shows) as a list, each consequence nested
 * once under the finding that explains it. Pass the page's whole findings as `page` when
 * `findings` is a part of them: a consequence's `causeIndex` points into that array, and
 * names the exact finding when the page has several of its cause's rule.
 */
export function FindingList({ findings, page }: { findings: Finding[]; page?: readonly Finding[] }) {
  if (!findings.length) return null;
  return <Nodes nodes={causeTree(findings, page)} />;
}

function Nodes({ nodes, caused = false }: { nodes: CauseNode<Finding>[]; caused?: boolean }) {
  return (
    <ul class={caused ? 'consequences' : 'findings'}>
      {nodes.map(({ finding, consequences }, i) => (
        <li key={`${finding.rule}-${i}`} class={`finding sev-${finding.severity}${caused ? ' caused' : ''}`}>
          <FindingRow f={finding} />
          {consequences.length > 0 && (
            <>
              <p class="because">Because of the problem above:</p>
              <Nodes nodes={consequences} caused />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The sentence first, then the fix, then small: the rule id (and field) and its Learn more link. */
function FindingRow({ f }: { f: Finding }) {
  const mark = findingMark(f);
  return (
    <div class="finding-row">
      <span
        class={`sev-mark mark-${mark}`}
        role="img"
        aria-label={MARKS[mark].words}
        title={MARKS[mark].words}
      >
        {MARKS[mark].symbol}
      </span>
      <div class="finding-body">
        <div class="finding-message">{f.message}</div>
        {f.fix && <div class="finding-fix">Fix: {f.fix}</div>}
        <code class="finding-rule">
          {f.rule}
          {f.target?.path ? ` · ${f.target.path}` : ''}
        </code>{' '}
        <a class="finding-docs" href={ruleDocsUrl(f.rule)} target="_blank" rel="noopener noreferrer">
          Learn more<span class="visually-hidden"> about {f.rule}</span>
        </a>
      </div>
    </div>
  );
}
