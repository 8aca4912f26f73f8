// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../schema';

/** The JSON report example of the command-line contract, comments removed. */
const sample = {
  tool: 'partnero-inspector',
  version: '1.2.3',
  browser: 'chrome 156.0.0.0',
  startedAt: '2026-11-26T21:00:00.000Z',
  summary: { errors: 1, warnings: 2, infos: 0 },
  pages: [
    {
      url: 'http://127.0.0.1:8080/pricing.html?aff=TEST',
      finalUrl: 'http://127.0.0.1:8080/pricing.html?aff=TEST',
      queueName: 'po',
      programIds: ['abc123'],
      cookie: { partnero_partner: 'TEST' },
      calls: [{ args: ['program', 'abc123', 'load'], at: 12.5 }],
      transactions: [{ payload: { data: { key: 'ch_…' } }, at: 40.1 }],
      links: [
        {
          href: 'https://buy.stripe.com/…',
          frame: 'top',
          clientReferenceId: null,
          afterClick: 'TEST',
          kind: 'payment-link',
        },
      ],
      requests: [{ url: 'https://app.partnero.com/js/universal.js?v…', status: 200 }],
      findings: [
        {
          rule: 'link.missing-client-reference-id',
          severity: 'error',
          message:
            'Payment Link “Buy Pro” reaches Stripe without client_reference_id although partnero_partner=TEST',
          target: { selector: 'a#buy-pro', href: 'https://buy.stripe.com/…' },
        },
        { rule: 'snippet.queue-stuck', severity: 'error', causedBy: 'program.placeholder', message: '…' },
      ],
    },
  ],
};

type Path = (string | number)[];

/** A copy of the sample with the value at `path` replaced, or deleted when `value` is undefined. */
function withValue(path: Path, value: unknown): unknown {
  const copy: unknown = structuredClone(sample);
  const last = path.at(-1);
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], copy);
  const record = parent as Record<string | number, unknown>;
  if (last === undefined) return value;
  if (value === undefined) delete record[last];
  else record[last] = value;
  return copy;
}

const finding0: Path = ['pages', 0, 'findings', 0];

describe('ReportSchema', () => {
  it.each<[string, Path, unknown, boolean]>([
    ['the cli.md example', ['version'], '1.2.3', true],
    ['an added top-level key', ['extra'], 1, true],
    ['an added page key', ['pages', 0, 'later'], true, true],
    ['an added finding key', [...finding0, 'id'], 7, true],
    ['no loader', ['pages', 0, 'queueName'], null, true],
    ['no cookie', ['pages', 0, 'cookie'], null, true],
    ['unknown rule id', [...finding0, 'rule'], 'link.made-up', false],
    ['causedBy not a rule id', ['pages', 0, 'findings', 1, 'causedBy'], 'loader', false],
    ['severity outside the three', [...finding0, 'severity'], 'fatal', false],
    ['finding without message', ['pages', 0, 'findings', 1, 'message'], undefined, false],
    ['another tool', ['tool'], 'other', false],
    ['startedAt not ISO', ['startedAt'], 'yesterday', false],
    ['negative count', ['summary', 'errors'], -1, false],
    ['unknown link kind', ['pages', 0, 'links', 0, 'kind'], 'iframe', false],
    ['call args not JSON', ['pages', 0, 'calls', 0, 'args'], [() => 1], false],
    ['request without url', ['pages', 0, 'requests', 0, 'url'], undefined, false],
    ["the check's timing", ['timing'], { browserStartMs: 600, journeyMs: 9400 }, true],
    ['timing without the journey', ['timing'], { browserStartMs: 600 }, false],
    ['negative journey time', ['timing'], { browserStartMs: 600, journeyMs: -1 }, false],
  ])('%s → valid: %s', (_name, path, value, valid) => {
    expect(ReportSchema.safeParse(withValue(path, value)).success).toBe(valid);
  });
});
