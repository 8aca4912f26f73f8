/**
 * An expandable JSON tree for call arguments and payloads. Every value is rendered as text
 * (JSON-quoted strings), so page data can never become markup.
 */
import { useState } from 'preact/hooks';
import type { Json } from '../../model/types';
import { compactJson } from '../../panel/describe';

/** Children shown before a "show more" button: a hostile page may send huge arrays. */
const CHUNK = 100;

type Value = Json | undefined;

function typeOf(value: Value): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  return typeof value;
}

function Leaf({ name, value }: { name: string | null; value: Value }) {
  return (
    <li class="json-leaf">
      {name !== null && <span class="json-key">{name}: </span>}
      <span class={`json-${typeOf(value)}`}>{value === undefined ? 'undefined' : JSON.stringify(value)}</span>
    </li>
  );
}

function Branch({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string | null;
  value: Json[] | { [key: string]: Json };
  depth: number;
  openDepth: number;
}) {
  const [open, setOpen] = useState(depth < openDepth);
  const [limit, setLimit] = useState(CHUNK);
  const entries: [string, Json][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  const kind = Array.isArray(value) ? `Array(${entries.length})` : `{${entries.length}}`;
  return (
    <li class="json-branch">
      <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span class="json-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        {name !== null && <span class="json-key">{name}: </span>}
        <span class="json-kind">{kind}</span>
        {!open && <span class="json-preview"> {compactJson(value, 80)}</span>}
      </button>
      {open && (
        <ul class="json-children">
          {entries.slice(0, limit).map(([key, child]) => (
            <JsonNode key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > limit && (
            <li>
              <button type="button" class="btn btn-small" onClick={() => setLimit(limit + CHUNK)}>
                Show {Math.min(CHUNK, entries.length - limit)} more of {entries.length - limit}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

function JsonNode({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string | null;
  value: Value;
  depth: number;
  openDepth: number;
}) {
  if (value === null || value === undefined || typeof value !== 'object')
    return <Leaf name={name} value={value} />;
  return <Branch name={name} value={value} depth={depth} openDepth={openDepth} />;
}

/** `openDepth`: levels expanded at first (the payload's `data` is one level down). */
export function JsonTree({
  value,
  name = null,
  openDepth = 3,
}: {
  value: Value;
  name?: string | null;
  openDepth?: number;
}) {
  return (
    <ul class="json-tree">
      <JsonNode name={name} value={value} depth={0} openDepth={openDepth} />
    </ul>
  );
}
