/**
 * Several roots on one page: each consequence is filed under the ONE finding that explains
 * it (same call field, same call or URL, same element or frame), named by `causedBy` (its
 * rule) and `causeIndex` (its place in the ordered findings); it is never a root itself.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, Json, PageState } from '../../model/types';
import { summarize } from '../index';
import { call, create, link, page, REFERRED, request, TX_CALL, transaction, UNIVERSAL } from './fixtures';
import { run } from './table';

const API = 'https://app.partnero.com/pub/v1/transactions';
const settings = (id: string) => `https://assets.partnero.com/program/${id}/settings/settings.js`;

/** What a finding is about, as a reader would name it: rule plus call field, URL or frame. */
function label(f: Finding): string {
  const { call: index, path, href, frame } = f.target ?? {};
  const about = index !== undefined ? `#${index}${path ? ` ${path}` : ''}` : (href ?? frame ?? '');
  return about === '' ? f.rule : `${f.rule} ${about}`;
}

/** Each consequence → the root finding its `causeIndex` points at; checks it agrees with `causedBy`. */
function causesOf(findings: Finding[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of findings) {
    if (f.causedBy === undefined) {
      expect(f.causeIndex, label(f)).toBeUndefined();
      continue;
    }
    const root = findings[f.causeIndex ?? -1];
    expect(root?.rule, label(f)).toBe(f.causedBy);
    expect(root?.causedBy, `${label(f)}: its cause is a root`).toBeUndefined();
    expect(out[label(f)], `${label(f)} is listed once`).toBeUndefined();
    out[label(f)] = root ? label(root) : '(none)';
  }
  return out;
}

const roots = (findings: Finding[]) => findings.filter((f) => f.causedBy === undefined).map(label);

/** A 4xx answer of the transactions API to a request that carried `data`. */
function refused(data: Json, message: string, status = 422) {
  return request(API, {
    method: 'POST',
    type: 'xmlhttprequest',
    status,
    requestBody: JSON.stringify({ program: 'ABC123', partner: null, data }),
    responseBody: JSON.stringify({ message, errors: {} }),
  });
}

const dataOf = (payload: Json) => (payload as { data: Json }).data;

describe('two placeholder program ids', () => {
  const state: PageState = page({
    url: REFERRED,
    calls: [call('program', 'PUBLIC_PROGRAM_ID', 'load'), call('program', '{{ program_id }}', 'load')],
    queue: { pending: 2, processed: false },
    requests: [
      request(UNIVERSAL),
      request(settings('PUBLIC_PROGRAM_ID'), { status: 404 }),
      request(settings('%7B%7B%20program_id%20%7D%7D'), { status: 404 }),
    ],
  });

  it("files each settings.js failure under the placeholder whose id is in its URL, the page's stall under one", () => {
    const findings = run(state);
    expect(roots(findings)).toEqual(['program.placeholder #0', 'program.placeholder #1']);
    expect(causesOf(findings)).toEqual({
      [`snippet.script-failed ${settings('PUBLIC_PROGRAM_ID')}`]: 'program.placeholder #0',
      [`snippet.script-failed ${settings('%7B%7B%20program_id%20%7D%7D')}`]: 'program.placeholder #1',
      [`network.request-failed ${settings('PUBLIC_PROGRAM_ID')}`]: 'program.placeholder #0',
      [`network.request-failed ${settings('%7B%7B%20program_id%20%7D%7D')}`]: 'program.placeholder #1',
      'snippet.queue-stuck': 'program.placeholder #0',
      'cookie.missing-after-referral': 'program.placeholder #0',
    });
    expect(summarize(findings).errors).toBe(2);
  });
});

describe('a placeholder program id and a loader held in a frame', () => {
  const WIDGET = 'https://widget.shop.example.com/';
  const state = page({
    url: REFERRED,
    calls: [call('program', 'PUBLIC_PROGRAM_ID', 'load')],
    requests: [request(UNIVERSAL), request(settings('PUBLIC_PROGRAM_ID'), { status: 404 })],
    heldScripts: [{ frame: WIDGET, mechanism: 'cookiebot', attrs: ['type="text/plain"'] }],
    links: [link({ frame: WIDGET, selector: 'a.plan' })],
  });

  it('keeps two roots, each with its own consequences', () => {
    const findings = run(state);
    expect(roots(findings)).toEqual(['program.placeholder #0', `snippet.delayed ${WIDGET}`]);
    expect(causesOf(findings)).toEqual({
      [`snippet.script-failed ${settings('PUBLIC_PROGRAM_ID')}`]: 'program.placeholder #0',
      [`network.request-failed ${settings('PUBLIC_PROGRAM_ID')}`]: 'program.placeholder #0',
      'link.missing-client-reference-id https://buy.stripe.com/aEU5lm': `snippet.delayed ${WIDGET}`,
      'cookie.missing-after-referral': `snippet.delayed ${WIDGET}`,
    });
  });
});

describe('an unfilled transaction template', () => {
  const payload = transaction({ key: 'STRIPE_CHARGE_ID', amount: '{{ order.total }}', customer: '{{ c }}' });
  const state = page({
    calls: [...page().calls, call(...create(payload))],
    requests: [...page().requests, refused(dataOf(payload), 'The selected key is invalid.')],
  });

  it('counts its placeholders only: the 422, the formats and the shape are their consequences', () => {
    const findings = run(state);
    expect(roots(findings).filter((f) => !f.startsWith('cookie.') && !f.includes('no-referral'))).toEqual([
      `transaction.placeholder #${TX_CALL} data.key`,
      `transaction.placeholder #${TX_CALL} data.amount`,
      `transaction.placeholder #${TX_CALL} data.customer`,
    ]);
    expect(causesOf(findings)).toEqual({
      [`transaction.schema #${TX_CALL} data.customer`]: `transaction.placeholder #${TX_CALL} data.customer`,
      [`transaction.amount #${TX_CALL} data.amount`]: `transaction.placeholder #${TX_CALL} data.amount`,
      [`transaction.key-format #${TX_CALL} data.key`]: `transaction.placeholder #${TX_CALL} data.key`,
      [`network.request-failed ${API}`]: `transaction.placeholder #${TX_CALL} data.key`,
    });
    expect(summarize(findings).errors).toBe(3);
  });

  it('keeps a shape problem of a field that is no placeholder a root', () => {
    const half = transaction({ key: 'STRIPE_CHARGE_ID', customer: null });
    const findings = run(page({ calls: [...page().calls, call(...create(half))] }));
    expect(findings.find((f) => f.rule === 'transaction.schema')?.causedBy).toBeUndefined();
  });
});

describe('two failing transactions, each refused with its own 422', () => {
  const first = transaction({ key: 'STRIPE_CHARGE_ID' });
  const second = transaction({ key: 'ch_3MmlLrLkdIwHu7ix0snN0B16', amount: '$49.00' });
  const state = page({
    calls: [...page().calls, call(...create(first)), call(...create(second))],
    requests: [
      ...page().requests,
      refused(dataOf(first), 'The selected key is invalid.'),
      refused(dataOf(second), 'The amount must be a number.'),
    ],
  });

  it('files each refusal under the finding about the payload it carried', () => {
    const findings = run(state);
    const causeOf = (reason: string) => {
      const refusal = findings.find((f) => f.rule === 'network.request-failed' && f.message.includes(reason));
      const cause = findings[refusal?.causeIndex ?? -1];
      return cause && label(cause);
    };
    expect(causeOf('key is invalid')).toBe(`transaction.placeholder #${TX_CALL} data.key`);
    expect(causeOf('amount must be a number')).toBe(`transaction.amount #${TX_CALL + 1} data.amount`);
    expect(summarize(findings).errors).toBe(2);
  });

  it('leaves a refusal of a payload the rules find nothing wrong with a root', () => {
    const valid = transaction({ key: 'ch_3MmlLrLkdIwHu7ix0snN0B17' });
    const findings = run(
      page({
        calls: [...page().calls, call(...create(first)), call(...create(valid))],
        requests: [
          ...page().requests,
          refused(dataOf(first), 'The selected key is invalid.'),
          refused(dataOf(valid), 'The customer could not be created.'),
        ],
      }),
    );
    const refusal = (reason: string) =>
      findings.find((f) => f.rule === 'network.request-failed' && f.message.includes(reason));
    expect(refusal('key is invalid')?.causedBy).toBe('transaction.placeholder');
    expect(refusal('could not be created')?.causedBy).toBeUndefined();
  });
});

describe('causeIndex', () => {
  it('points into the findings as ordered, roots first', () => {
    const payload = transaction({ key: 'STRIPE_CHARGE_ID', amount: 'NaN' });
    const findings = run(page({ calls: [...page().calls, call(...create(payload))] }));
    const firstConsequence = findings.findIndex((f) => f.causedBy !== undefined);
    expect(findings.slice(firstConsequence).every((f) => f.causedBy !== undefined)).toBe(true);
    for (const f of findings.slice(firstConsequence)) {
      expect(f.causeIndex).toBeLessThan(firstConsequence);
      expect(findings[f.causeIndex ?? -1]?.target?.path).toBe(f.target?.path);
    }
  });
});
