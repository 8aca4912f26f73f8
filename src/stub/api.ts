/**
 * The stand-in for Partnero's public tracking API (`POST {host}/transactions` and `/customers`),
 * answering like the real Laravel backend: 200 `{data}` or 422 with field errors.
 */

/** Laravel-style validation errors: field path → messages. */
export type FieldErrors = Record<string, string[]>;

export type ApiResource = 'transactions' | 'customers';

export interface ApiAnswer {
  status: 200 | 422;
  body: { data: Record<string, unknown> } | { message: string; errors: FieldErrors };
}

type Check = (payload: Record<string, unknown>, errors: FieldErrors) => void;

/** Values the merchant forgot to replace (the guide's own names, or a template that never rendered). */
const PLACEHOLDER = /^(STRIPE_[A-Z_]+_ID|undefined|null|NaN|\[object Object\])$|\$\{|\{\{|<\?/;
const NUMERIC = /^\d+(\.\d+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `data.customer.key` style lookup that stops at the first non-object. */
function valueAt(payload: Record<string, unknown>, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) value = isRecord(value) ? value[part] : undefined;
  return value;
}

/** The field name Partnero reports: the path inside `data`. */
const fieldOf = (path: string) => path.replace(/^data\./, '');

function addError(errors: FieldErrors, path: string, message: string): void {
  const field = fieldOf(path);
  errors[field] = [...(errors[field] ?? []), message];
}

/** A required, non-placeholder string (Stripe ids, customer keys). */
const requiredKey =
  (path: string): Check =>
  (payload, errors) => {
    const value = valueAt(payload, path);
    const field = fieldOf(path);
    if (value === undefined || value === null || value === '')
      addError(errors, path, `The ${field} field is required.`);
    else if (typeof value !== 'string') addError(errors, path, `The ${field} must be a string.`);
    else if (PLACEHOLDER.test(value)) addError(errors, path, `The selected ${field} is invalid.`);
  };

const amount: Check = (payload, errors) => {
  const value = valueAt(payload, 'data.amount');
  const numeric =
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && NUMERIC.test(value));
  if (value === undefined || value === null || value === '')
    addError(errors, 'data.amount', 'The amount field is required.');
  else if (!numeric) addError(errors, 'data.amount', 'The amount must be a number.');
  else if (Number(value) < 0) addError(errors, 'data.amount', 'The amount must be at least 0.');
};

const email: Check = (payload, errors) => {
  const value = valueAt(payload, 'data.email');
  if (value === undefined || value === null || value === '')
    addError(errors, 'data.email', 'The email field is required.');
  else if (typeof value !== 'string' || !EMAIL.test(value))
    addError(errors, 'data.email', 'The email must be a valid email address.');
};

const CHECKS: Record<ApiResource, Check[]> = {
  transactions: [requiredKey('data.key'), amount, requiredKey('data.customer.key')],
  customers: [requiredKey('data.key'), email],
};

function parseBody(body: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * Validates one API call as universal.js sends it (`{program, partner, data, options?}`) and
 * answers with what was stored, or with every field error at once.
 */
export function answerApi(resource: ApiResource, body: string | undefined): ApiAnswer {
  const payload = parseBody(body);
  const errors: FieldErrors = {};
  for (const check of CHECKS[resource]) check(payload, errors);
  if (Object.keys(errors).length > 0) {
    return { status: 422, body: { message: 'The given data was invalid.', errors } };
  }
  const data = isRecord(payload.data) ? payload.data : {};
  return {
    status: 200,
    body: { data: { ...data, program: payload.program ?? null, partner: payload.partner ?? null } },
  };
}
