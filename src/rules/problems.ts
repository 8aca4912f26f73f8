/** Schema problems of a page payload, worded for a finding: one `path: what is wrong` each. */
import type { ZodType } from 'zod';
import type { Json } from '../model/types';
import { at } from './json';
import { kindOf, show } from './text';

export interface Problem {
  /** Dotted path from the payload root, e.g. `data.customer.key`; '' for the payload itself. */
  path: string;
  text: string;
}

/** Every place where `value` breaks `schema`, in schema order. */
export function problemsOf(schema: ZodType, value: Json | undefined): Problem[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const actual = path === '' ? value : at(value, path);
    let text: string;
    if (actual === undefined) text = 'missing';
    else if (actual === null) text = 'missing (null)';
    else if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      text = `${issue.message}, got ${kindOf(actual)}`;
    } else text = `${show(actual, 40)} ${issue.message}`;
    return { path, text };
  });
}

/** "data.key: missing; data.amount: expected …" */
export function describeProblems(problems: readonly Problem[]): string {
  return problems.map(({ path, text }) => `${path === '' ? 'payload' : path}: ${text}`).join('; ');
}
