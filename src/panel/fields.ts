/**
 * Per-field validation of the calls that carry a payload (`transactions create`, `customers
 * signup`): every field of the payload as a row, each finding shown at its `target.path`.
 */
import type { Finding, Json, PageState, PoCall } from '../model/types';

export interface FieldRow {
  /** Dotted path from the payload root, as the rules write it (`data.customer.key`). */
  path: string;
  /** `undefined`: the field is missing (a finding points at it). */
  value: Json | undefined;
  findings: Finding[];
}

export interface ValidatedCall {
  index: number;
  call: PoCall;
  /** `transactions.create` or `customers.signup`. */
  command: string;
  payload: Json | undefined;
  fields: FieldRow[];
  /** Findings about the call as a whole (no path, or `payload`). */
  general: Finding[];
}

const VALIDATED = new Set(['transactions.create', 'customers.signup']);
/** A hostile page can send a payload with thousands of fields; the JSON tree shows the rest. */
export const FIELD_ROWS_MAX = 200;

/** Leaves of a JSON value with their dotted paths (an empty object or array is a leaf). */
export function leaves(value: Json | undefined, prefix = '', out: FieldRow[] = []): FieldRow[] {
  if (out.length >= FIELD_ROWS_MAX) return out;
  const entries =
    value !== null && typeof value === 'object'
      ? Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value)
      : [];
  if (!entries.length) {
    if (prefix) out.push({ path: prefix, value, findings: [] });
    return out;
  }
  for (const [key, child] of entries) leaves(child, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

/** The value at a dotted path, or undefined. */
export function valueAt(value: Json | undefined, path: string): Json | undefined {
  let node = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[key];
  }
  return node;
}

/** Whether a call carries a payload the rules validate field by field. */
export function carriesPayload(call: PoCall): boolean {
  return VALIDATED.has(`${String(call.args[0])}.${String(call.args[1])}`);
}

/** Each payload-carrying call of the page with its fields and the findings placed on them. */
export function validatedCalls(page: PageState, findings: readonly Finding[]): ValidatedCall[] {
  const out: ValidatedCall[] = [];
  page.calls.forEach((call, index) => {
    if (!carriesPayload(call)) return;
    const command = `${String(call.args[0])}.${String(call.args[1])}`;
    const payload = call.args[2];
    const fields = leaves(payload);
    const general: Finding[] = [];
    for (const f of findings) {
      if (f.target?.call !== index) continue;
      const path = f.target.path;
      if (!path || path === 'payload') {
        general.push(f);
        continue;
      }
      let row = fields.find((r) => r.path === path);
      if (!row) {
        row = { path, value: valueAt(payload, path), findings: [] };
        fields.push(row);
      }
      row.findings.push(f);
    }
    out.push({ index, call, command, payload, fields, general });
  });
  return out;
}
