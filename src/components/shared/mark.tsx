/** One of the five marks (✓ ✗ ! · ?), drawn for the eye and spoken as words (marks.ts). */
import { MARKS, type MarkKind } from '../../report/marks';
import './visually-hidden.css';

/** The symbol is hidden from screen readers, which read the mark's words in its place. */
export function Mark({ kind }: { kind: MarkKind }) {
  return (
    <span class={`mark mark-${kind}`}>
      <span aria-hidden="true">{MARKS[kind].symbol}</span>
      <span class="visually-hidden">{MARKS[kind].words} </span>
    </span>
  );
}
