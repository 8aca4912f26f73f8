/** The fields of one payload, each with the findings placed at its path. */
import type { Finding } from '../../model/types';
import { compactJson } from '../../panel/describe';
import type { FieldRow } from '../../panel/fields';
import { worstSeverity } from '../../report/severity';
import { FindingList } from '../shared/finding-list';
import { MARK } from './marks';

function Field({ row, findings }: { row: FieldRow; findings: Finding[] }) {
  const worst = worstSeverity(findings);
  return (
    <li class={`field field-${worst ?? 'ok'}`}>
      <div class="field-line">
        <span class="field-mark" title={worst ?? 'ok'}>
          {worst ? MARK[worst] : '✓'}
        </span>
        <span class="field-path mono">{row.path}</span>
        <span class={`field-value mono${row.value === undefined ? ' muted' : ''}`}>
          {row.value === undefined ? 'missing' : compactJson(row.value, 200)}
        </span>
      </div>
      {findings.length > 0 && <FindingList findings={findings} />}
    </li>
  );
}

export function FieldTable({ fields, show }: { fields: FieldRow[]; show: (f: Finding) => boolean }) {
  return (
    <ul class="fields" aria-label="Fields">
      {fields.map((row) => (
        <Field key={row.path} row={row} findings={row.findings.filter(show)} />
      ))}
    </ul>
  );
}
