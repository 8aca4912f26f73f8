import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Finding, type Json, RULE_IDS } from '../../model/types';
import { CAUSES } from '../causes';
import { RULES, runRules, summarize } from '../index';
import {
  call,
  create,
  link,
  NO_HISTORY,
  page,
  REFERRED,
  request,
  transaction,
  UNIVERSAL,
  unrelatedPage,
  withCalls,
} from './fixtures';
import { run } from './table';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RULES', () => {
  it('has one rule per RULE_IDS entry, in catalog order', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([...RULE_IDS]);
  });

  it.each(RULE_IDS)('%s lives in a file named after it', async (id) => {
    expect(existsSync(join(import.meta.dirname, '..', `${id}.ts`))).toBe(true);
    const module = (await import(`../${id}.ts`)) as { default: { id: string } };
    expect(module.default.id).toBe(id);
  });

  it('links causes without cycles, only to known rules', () => {
    const visit = (id: string, path: string[]): void => {
      expect(path).not.toContain(id);
      for (const { by } of CAUSES[id as keyof typeof CAUSES] ?? []) visit(by, [...path, id]);
    };
    for (const id of RULE_IDS) visit(id, []);
  });
});

describe('root causes', () => {
  const placeholderVisit = page({
    url: REFERRED,
    calls: [
      call('settings', 'assets_host', 'https://assets.partnero.com'),
      call('program', 'PUBLIC_PROGRAM_ID', 'load'),
    ],
    queue: { pending: 2, processed: false },
    requests: [
      request(UNIVERSAL),
      request('https://assets.partnero.com/program/PUBLIC_PROGRAM_ID/settings/settings.js', { status: 404 }),
    ],
  });

  it('links every consequence of a placeholder program id to it', () => {
    const findings = run(placeholderVisit);
    const causes = Object.fromEntries(findings.map((f) => [f.rule, f.causedBy]));
    expect(causes).toMatchObject({
      'program.placeholder': undefined,
      'snippet.script-failed': 'program.placeholder',
      'snippet.queue-stuck': 'program.placeholder',
      'cookie.missing-after-referral': 'program.placeholder',
    });
    expect(summarize(findings).errors).toBe(1);
  });

  it('does not blame the placeholder for a valid program whose settings failed', () => {
    const state = page({
      calls: [call('program', 'ABC123', 'load'), call('program', 'undefined', 'load')],
      requests: [
        request(UNIVERSAL),
        request('https://assets.partnero.com/program/ABC123/settings/settings.js', { status: 404 }),
      ],
    });
    expect(run(state).find((f) => f.rule === 'snippet.script-failed')?.causedBy).toBeUndefined();
  });

  it('uses the root when the direct cause has a cause itself', () => {
    const blocked = page({
      url: REFERRED,
      queue: { pending: 2, processed: false },
      requests: [request(UNIVERSAL, { status: undefined, error: 'net::ERR_BLOCKED_BY_CLIENT' })],
    });
    const causes = run(blocked).map((f) => [f.rule, f.causedBy]);
    expect(causes).toContainEqual(['snippet.queue-stuck', 'snippet.script-failed']);
    expect(causes).toContainEqual(['cookie.missing-after-referral', 'snippet.script-failed']);
  });
});

describe('an API refusal filed under the payload that explains it', () => {
  const API = 'https://app.partnero.com/pub/v1/transactions';
  const refused = (status: number) => request(API, { method: 'POST', type: 'xmlhttprequest', status });
  const rootsOf = (state: ReturnType<typeof page>) =>
    run(state)
      .filter((f) => f.severity === 'error')
      .map((f) => [f.rule, f.causedBy ?? null]);

  it('a 422 for a payload with placeholders is a consequence, not a second root', () => {
    const state = page({
      calls: [...page().calls, call(...create(transaction({ key: 'STRIPE_CHARGE_ID' })))],
      requests: [...page().requests, refused(422)],
    });
    expect(rootsOf(state)).toEqual([
      ['transaction.placeholder', null],
      ['network.request-failed', 'transaction.placeholder'],
    ]);
  });

  it('a 422 for an amount in the wrong format goes under transaction.amount', () => {
    const state = page({
      calls: [...page().calls, call(...create(transaction({ amount: '$49.00' })))],
      requests: [...page().requests, refused(422)],
    });
    expect(rootsOf(state)).toEqual([
      ['transaction.amount', null],
      ['network.request-failed', 'transaction.amount'],
    ]);
  });

  it('a 422 for a signup without an e-mail address goes under customer.signup-schema', () => {
    const state = page({
      calls: [...page().calls, call('customers', 'signup', { data: { key: 'cus_1', email: 'jane(at)x' } })],
      requests: [
        ...page().requests,
        request('https://app.partnero.com/pub/v1/customers', { method: 'POST', status: 422 }),
      ],
    });
    expect(rootsOf(state)).toEqual([
      ['customer.signup-schema', null],
      ['network.request-failed', 'customer.signup-schema'],
    ]);
  });

  it('a 500, or a 422 with a payload the rules find nothing wrong with, stays a root', () => {
    const valid = [...page().calls, call(...create(transaction()))];
    expect(rootsOf(page({ calls: valid, requests: [...page().requests, refused(422)] }))).toEqual([
      ['network.request-failed', null],
    ]);
    const broken = [...page().calls, call(...create(transaction({ amount: '$49.00' })))];
    expect(rootsOf(page({ calls: broken, requests: [...page().requests, refused(500)] }))).toEqual([
      ['transaction.amount', null],
      ['network.request-failed', null],
    ]);
  });
});

describe('ordering', () => {
  it('puts root causes first, then errors, warnings, infos, then catalog order', () => {
    const state = page({
      url: REFERRED,
      loaderRuns: [{ at: 5, frame: 'top', queueName: 'po', inHead: false }],
      calls: [...page().calls, call('track', 'x'), call('program', 'undefined', 'load')],
      queue: { pending: 1, processed: false },
      links: [link()],
    });
    const findings = run(state);
    expect(findings.map((f) => f.rule)).toEqual([
      'program.placeholder',
      'snippet.not-in-head',
      'po.unknown-command',
      // An unverified link is an info, after po.unknown-command in catalog order.
      'link.missing-client-reference-id',
      'snippet.queue-stuck',
      'cookie.missing-after-referral',
    ]);
  });
});

describe('consequences of one mistake', () => {
  it.each([
    ['a placeholder charge id', { key: 'STRIPE_CHARGE_ID' }, 'transaction.key-format', 'data.key'],
    [
      'a placeholder customer id',
      { customer: { key: 'STRIPE_CUSTOMER_ID' } },
      'transaction.customer-key-format',
      'data.customer.key',
    ],
    ['a placeholder amount', { amount: 'NaN' }, 'transaction.amount', 'data.amount'],
    [
      'a placeholder currency',
      { amount_units: '{{ currency }}' },
      'transaction.currency',
      'data.amount_units',
    ],
  ])('%s is filed under transaction.placeholder', (_name, data, rule, path) => {
    const findings = run(withCalls(create(transaction(data as Record<string, Json>))));
    const effect = findings.find((f) => f.rule === rule);
    expect(effect?.target?.path).toBe(path);
    expect(effect?.causedBy).toBe('transaction.placeholder');
    expect(
      findings.some((f) => f.rule === 'transaction.placeholder' && f.target?.path === path && !f.causedBy),
    ).toBe(true);
  });

  it('a failed settings.js request is filed under the script failure and its placeholder root', () => {
    const findings = run(
      page({
        calls: [call('program', 'PUBLIC_PROGRAM_ID', 'load')],
        requests: [
          request('https://assets.partnero.com/program/PUBLIC_PROGRAM_ID/settings/settings.js', {
            status: 404,
          }),
        ],
      }),
    );
    expect(findings.find((f) => f.rule === 'network.request-failed')?.causedBy).toBe('program.placeholder');
    expect(findings.find((f) => f.rule === 'snippet.script-failed')?.causedBy).toBe('program.placeholder');
  });
});

describe('summarize', () => {
  it('counts root findings per severity only', () => {
    const findings: Finding[] = [
      { rule: 'snippet.missing', severity: 'error', message: '' },
      { rule: 'po.undefined', severity: 'error', message: '', causedBy: 'snippet.missing' },
      { rule: 'snippet.not-in-head', severity: 'warning', message: '' },
      { rule: 'cookie.absent', severity: 'info', message: '' },
      { rule: 'program.multiple', severity: 'info', message: '' },
    ];
    expect(summarize(findings)).toEqual({ errors: 1, warnings: 1, infos: 2 });
    expect(summarize([])).toEqual({ errors: 0, warnings: 0, infos: 0 });
  });
});

describe('a rule that throws', () => {
  it('is logged and skipped; the other rules still report', () => {
    const broken = RULES.find((rule) => rule.id === 'snippet.not-in-head');
    if (broken === undefined) throw new Error('rule not registered');
    vi.spyOn(broken, 'check').mockImplementation(() => {
      throw new Error('boom');
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const findings = runRules({ page: unrelatedPage({ links: [link()] }), history: NO_HISTORY });
    expect(findings.map((f) => f.rule)).toContain('snippet.missing');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('snippet.not-in-head'), expect.any(Error));
  });
});
