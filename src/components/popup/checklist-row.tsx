/**
 * One row of the popup's checklist. Only a row with something to show opens (its findings,
 * or the links row's list of links); the others are plain text, neither focusable nor clickable.
 */
import { useState } from 'preact/hooks';
import type { Finding, LinkRecord } from '../../model/types';
import type { ChecklistItem } from '../../report/checklist';
import { FindingList } from '../shared/finding-list';
import { Mark } from '../shared/mark';
import { LinkList } from './link-list';

/**
 * The row's one-line state, cut into its comma-separated parts: each part stays whole and
 * moves to the next line when the line is full (`partnero_partner=TEST,` / `expires 2026-…`).
 */
function Detail({ text }: { text: string }) {
  const parts = text.split(/(?<=,) /);
  return (
    <span class="row-detail" title={text}>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && ' '}
          <span class="part page-text">{part}</span>
        </span>
      ))}
    </span>
  );
}

function Head({ row }: { row: ChecklistItem }) {
  return (
    <>
      <Mark kind={row.status} />
      <span class="row-label">{row.label}</span>
      <Detail text={row.detail} />
    </>
  );
}

/** `links`: the page's links, listed under the links row (so a row of all-fine links opens too). */
export function ChecklistRow({
  row,
  links,
  page,
}: {
  row: ChecklistItem;
  links: readonly LinkRecord[];
  /** All the page's findings: a consequence nests under the exact finding its causeIndex names. */
  page: readonly Finding[];
}) {
  const listed = row.id === 'links' ? links : [];
  const expandable = row.findings.length > 0 || listed.length > 0;
  // A broken row is open until the user says otherwise, also when it breaks while shown.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? row.status === 'error';
  const detailsId = `row-${row.id}-details`;
  return (
    <li class={`row status-${row.status}`} data-row={row.id}>
      {expandable ? (
        <button
          type="button"
          class="row-head"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setChosen(!open)}
        >
          <Head row={row} />
          <span class="chevron" aria-hidden="true" />
        </button>
      ) : (
        <div class="row-head">
          <Head row={row} />
        </div>
      )}
      {expandable && open && (
        <div class="row-details" id={detailsId}>
          <FindingList findings={row.findings} page={page} />
          {listed.length > 0 && <LinkList links={listed} findings={row.findings} />}
        </div>
      )}
    </li>
  );
}
