/** The fields of one payload, each with the findings placed at its path. */
import type { Finding } from '../../model/types';
import { compactJson } from '../../panel/describe';
import { worstMark } from '../../panel/event-severity';
import type { FieldRow } from '../../panel/fields';
import { FindingList } from '../shared/finding-list';
import { Mark } from '../shared/mark';

function Field({ row, findings }: { row: FieldRow; findings: Finding[] }) {
  const mark = worstMark(findings) ?? 'ok';
  const value = row.value === undefined ? 'missing' : compactJson(row.value, 200);
  return (
    <li class={`field field-${mark}`}>
      <div class="field-line">
        <span class="field-mark">
          <Mark kind={mark} />
        </span>
        <span class="field-path mono" title={row.path}>
          {row.path}
        </span>
        <span class={`field-value mono${row.value === undefined ? ' muted' : ''}`} title={value}>
          {value}
        </span>
      </div>
      {findings.length > 0 && <FindingList findings={findings} />}
    </li>
  );
}

/** Every field of a payload with its mark, value and the findings at its path (those `show` keeps). */
export function FieldTable({ fields, show }: { fields: FieldRow[]; show: (f: Finding) => boolean }) {
  return (
    <ul class="fields" aria-label="Fields">
      {fields.map((row) => (
        <Field key={row.path} row={row} findings={row.findings.filter(show)} />
      ))}
    </ul>
  );
}
