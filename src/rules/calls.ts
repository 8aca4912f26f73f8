/**
 * The `po(...)` calls the rules look at, picked out of `PageState.calls` once. Each keeps
 * its index in `calls`, which findings report as `target.call`.
 */
import type { FindingTarget, Json, PoCall } from '../model/types';
import { argsOf, isObject, type JsonObject } from './json';
import { placeholderPaths } from './placeholder';

/** A call of one command, with its arguments after the command name(s). */
export interface Call {
  /** Index in `PageState.calls`. */
  call: number;
  frame: string;
  args: Json[];
}

/** `po('program', ID, 'load')`. */
export interface ProgramLoad extends Call {
  id: Json | undefined;
}

/** `po('transactions','create', payload)` with the facts several rules need. */
export interface TransactionCall extends Call {
  payload: Json | undefined;
  /** `payload.data` when it is an object. */
  data: JsonObject | null;
  /** Values under `data` that are a template left in, by path (`data.key`, `data.customer.key`…). */
  placeholders: ReadonlyMap<string, string>;
}

/** `po('customers','signup', payload)`. */
export interface SignupCall extends Call {
  payload: Json | undefined;
}

/** A finding's target: one call, or one field of its payload (`data.amount`; '' = the call). */
export function callTarget({ call, frame }: Call, path = ''): FindingTarget {
  return path === '' ? { call, frame } : { call, frame, path };
}

/** Every call whose arguments start with `prefix`. */
function callsOf(calls: readonly PoCall[], ...prefix: string[]): Call[] {
  const found: Call[] = [];
  calls.forEach((entry, call) => {
    const args = argsOf(entry);
    if (prefix.every((word, i) => args[i] === word)) found.push({ call, frame: entry.frame, args });
  });
  return found;
}

/** Every `po('program', ID, 'load')`, whatever ID is. */
export function programLoads(calls: readonly PoCall[]): ProgramLoad[] {
  return callsOf(calls, 'program')
    .filter(({ args }) => args[2] === 'load')
    .map((c) => ({ ...c, id: c.args[1] }));
}

/** Every `po('transactions','create', …)`, payload as sent (possibly missing). */
export function transactionCalls(calls: readonly PoCall[]): TransactionCall[] {
  return callsOf(calls, 'transactions', 'create').map((c) => {
    const payload = c.args[2];
    const data = isObject(payload) && isObject(payload.data) ? payload.data : null;
    return { ...c, payload, data, placeholders: placeholderPaths(data ?? undefined, 'data') };
  });
}

/** Every `po('customers','signup', …)`. */
export function signupCalls(calls: readonly PoCall[]): SignupCall[] {
  return callsOf(calls, 'customers', 'signup').map((c) => ({ ...c, payload: c.args[2] }));
}

/** `po('settings','assets_host', X)` with its X. */
export interface AssetsHostCall extends Call {
  value: Json | undefined;
}

/** Every `po('settings','assets_host', X)`. */
export function assetsHostCalls(calls: readonly PoCall[]): AssetsHostCall[] {
  return callsOf(calls, 'settings', 'assets_host').map((c) => ({ ...c, value: c.args[2] }));
}

/** The parameter Partnero reads a partner key from when the program does not say otherwise. */
const DEFAULT_REFERRAL_PARAM = 'aff';
const PARAM_SETTINGS = ['link_param', 'query_param'];

/**
 * Referral URL parameters: `aff` plus the program's `link_param`/`query_param`, which its
 * settings script sets as `po('program', ID, 'settings', name, value)` or with an object.
 */
export function referralParams(calls: readonly PoCall[]): string[] {
  const params = new Set([DEFAULT_REFERRAL_PARAM]);
  const add = (value: Json | undefined) => {
    if (typeof value === 'string' && value.trim() !== '') params.add(value.trim());
  };
  for (const { args } of callsOf(calls, 'program')) {
    if (args[2] !== 'settings') continue;
    const [name, value] = [args[3], args[4]];
    if (isObject(name)) for (const key of PARAM_SETTINGS) add(name[key]);
    else if (typeof name === 'string' && PARAM_SETTINGS.includes(name)) add(value);
  }
  return [...params];
}
