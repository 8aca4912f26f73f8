// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../model/types';
import { buildReport } from '../../../report/build';
import { type FindingReport, type PageReport, type Report, ReportSchema } from '../../../report/schema';
import { mergeReports } from '../merge';
import { fnv1a32, parseShard, shardOf, sortPages } from '../shard';

/** A minimal valid page report: only the keys PageReportSchema requires. */
function page(url: string, findings: FindingReport[] = []): PageReport {
  return {
    url,
    finalUrl: url,
    queueName: null,
    programIds: [],
    cookie: null,
    calls: [],
    transactions: [],
    links: [],
    requests: [],
    findings,
  };
}

function finding(rule: RuleId, severity: FindingReport['severity'], causedBy?: RuleId): FindingReport {
  return { rule, severity, message: `${rule} happened`, ...(causedBy && { causedBy }) };
}

/** A minimal valid report of `pages`, as `--json` prints it and `merge` reads it back. */
function report(pages: PageReport[], extra: Partial<Report> = {}): Report {
  return {
    tool: 'partnero-inspector',
    version: '0.1.0',
    browser: 'chrome 156.0.0.0',
    startedAt: '2026-12-03T10:00:00.000Z',
    summary: { errors: 0, warnings: 0, infos: 0 },
    pages,
    ...extra,
  };
}

const urls100 = Array.from({ length: 100 }, (_, i) => `https://shop.example/page-${i + 1}`);
const shards = (n: number) => Array.from({ length: n }, (_, i) => ({ index: i + 1, count: n }));

describe('parseShard', () => {
  it.each([
    ['1/1', 1, 1],
    ['2/3', 2, 3],
    ['3/3', 3, 3],
    ['1000/1000', 1000, 1000],
    ['7/1000', 7, 1000],
  ])('reads %s', (text, index, count) => {
    expect(parseShard(text)).toEqual({ index, count });
  });

  it.each([
    '',
    '1',
    '0/3',
    '4/3',
    '1/0',
    '1/1001',
    '1001/1001',
    '01/3',
    '-1/3',
    '+1/3',
    ' 1/3',
    '1/3 ',
    '1 / 3',
    '1/3/5',
    '1.0/3',
    '1e0/3',
    'a/b',
    '1\n/3',
  ])('refuses %j with a one-line message naming --shard', (text) => {
    expect(() => parseShard(text)).toThrow(Error);
    expect(() => parseShard(text)).toThrow(/^--shard must be I\/N\b[^\n]*$/);
  });
});

describe('fnv1a32', () => {
  it('matches the reference values', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe('shardOf', () => {
  it.each([1, 2, 3, 7])('puts every URL in exactly one of %i shards, in input order', (n) => {
    const parts = shards(n).map((shard) => shardOf(urls100, shard));
    expect(parts.flat().sort()).toEqual([...urls100].sort());
    for (const part of parts) expect(part).toEqual(urls100.filter((url) => part.includes(url)));
  });

  it('one shard of one is every URL', () => {
    expect(shardOf(urls100, { index: 1, count: 1 })).toEqual(urls100);
  });

  it('does not depend on the order of the URLs or on the other URLs', () => {
    const reversed = [...urls100].reverse();
    for (const shard of shards(7)) {
      const part = shardOf(urls100, shard);
      expect(shardOf(reversed, shard)).toEqual([...part].reverse());
      for (const url of urls100) expect(shardOf([url], shard)).toEqual(part.includes(url) ? [url] : []);
    }
  });

  // Product URLs that differ in a letter and digits, besides the pages differing in their last digits.
  const products = urls100.map(
    (_, i) => `https://shop.example/products/${String.fromCharCode(97 + (i % 26))}${i}?ref=x`,
  );

  it.each([2, 3, 4, 7])('is roughly balanced for 100 URLs in %i shards', (n) => {
    const sizes = [urls100, products].flatMap((urls) =>
      shards(n).map((shard) => shardOf(urls, shard).length),
    );
    for (const size of sizes) {
      expect(size).toBeGreaterThanOrEqual((100 / n) * 0.5);
      expect(size).toBeLessThanOrEqual((100 / n) * 1.5);
    }
  });

  it('is pinned: shards run by different builds of the tool must agree', () => {
    const ten = urls100.slice(0, 10);
    const names = shards(3).map((shard) => shardOf(ten, shard).map((url) => url.replace(/.*-/, '')));
    expect(names).toEqual([
      ['1', '5', '8'],
      ['2', '3', '9'],
      ['4', '6', '7', '10'],
    ]);
  });

  it('keeps duplicate URLs together', () => {
    const twice = ['https://a.example/x', 'https://a.example/x'];
    const parts = shards(3).map((shard) => shardOf(twice, shard));
    expect(parts.filter((part) => part.length > 0)).toEqual([twice]);
  });
});

describe('sortPages', () => {
  it('sorts pages by URL, stably, without changing its input or other keys', () => {
    const first = page('https://b.example/', [finding('link.test-mode', 'warning')]);
    const second = page('https://b.example/');
    const input = {
      ...report([first, page('https://c.example/'), second, page('https://a.example/')]),
      x: 1,
    };
    const sorted = sortPages(input);
    expect(sorted.pages.map((p) => p.url)).toEqual([
      'https://a.example/',
      'https://b.example/',
      'https://b.example/',
      'https://c.example/',
    ]);
    expect(sorted.pages[1]).toBe(first);
    expect(sorted.pages[2]).toBe(second);
    expect(sorted.x).toBe(1);
    expect(input.pages[0]?.url).toBe('https://b.example/');
  });
});

describe('mergeReports', () => {
  const findingsOf = (i: number): FindingReport[] =>
    i % 5 === 0
      ? [
          finding('program.placeholder', 'error'),
          finding('snippet.queue-stuck', 'error', 'program.placeholder'),
          finding('cookie.missing-after-referral', 'error', 'snippet.queue-stuck'),
        ]
      : i % 3 === 0
        ? [finding('link.test-mode', 'warning'), finding('transaction.no-referral', 'info')]
        : [];
  const allPages = urls100.slice(0, 30).map((url, i) => page(url, findingsOf(i)));
  const timing = { browserStartMs: 900, journeyMs: 12_000 };
  const unsharded = buildReport({
    version: '0.1.0',
    browser: 'chrome 156',
    startedAt: '2026-12-03T10:00:00Z',
    pages: allPages,
    timing,
  });
  const shardReport = (index: number, startedAt: string) => {
    const mine = new Set(shardOf(urls100.slice(0, 30), { index, count: 3 }));
    const built = buildReport({
      version: '0.1.0',
      browser: 'chrome 156',
      startedAt,
      pages: allPages.filter((p) => mine.has(p.url)),
      timing,
    });
    // As `--json` prints an audit: an extra `audit` key, read back from JSON.
    return JSON.parse(
      JSON.stringify({ ...sortPages(built), audit: { shard: { index, count: 3 } } }),
    ) as unknown;
  };
  const inputs = [
    { label: 'shard-2.json', report: shardReport(2, '2026-12-03T10:00:05.000Z') },
    { label: 'shard-1.json', report: shardReport(1, '2026-12-03T10:00:00.000Z') },
    { label: 'shard-3.json', report: shardReport(3, '2026-12-03T10:01:00.000Z') },
  ];

  it('merges 3 shards into the unsharded report sorted by URL (timing dropped)', () => {
    const { timing: _timing, ...expected } = sortPages(unsharded);
    const merged = mergeReports(inputs);
    expect(merged).toEqual(expected);
    expect(merged.pages.map((p) => p.findings)).toEqual(expected.pages.map((p) => p.findings));
    expect(ReportSchema.parse(merged)).toEqual(merged);
    expect(merged).not.toHaveProperty('timing');
    expect(merged).not.toHaveProperty('audit');
  });

  it('does not depend on the order of the shards', () => {
    expect(mergeReports([...inputs].reverse())).toEqual(mergeReports(inputs));
  });

  it('recomputes the summary from the pages, not counting findings with causedBy', () => {
    const lying = report(
      [
        page('https://b.example/', [
          finding('program.placeholder', 'error'),
          finding('snippet.queue-stuck', 'error', 'program.placeholder'),
          finding('link.test-mode', 'warning', 'program.placeholder'),
        ]),
      ],
      { summary: { errors: 9, warnings: 9, infos: 9 } },
    );
    const other = report([
      page('https://a.example/', [
        finding('link.test-mode', 'warning'),
        finding('transaction.no-referral', 'info'),
      ]),
    ]);
    const merged = mergeReports([
      { label: 'a', report: lying },
      { label: 'b', report: other },
    ]);
    expect(merged.summary).toEqual({ errors: 1, warnings: 1, infos: 1 });
    expect(unsharded.summary).toEqual({ errors: 6, warnings: 8, infos: 8 });
  });

  it('takes the earliest startedAt and the first version and browser, even when they differ', () => {
    const merged = mergeReports([
      {
        label: 'a',
        report: report([], { startedAt: '2026-12-03T10:00:00Z', browser: 'chrome 1', version: '1' }),
      },
      {
        label: 'b',
        report: report([], { startedAt: '2026-12-02T23:59:59.5Z', browser: 'firefox 2', version: '2' }),
      },
    ]);
    expect(merged).toMatchObject({
      startedAt: '2026-12-02T23:59:59.500Z',
      browser: 'chrome 1',
      version: '1',
    });
  });

  it('keeps a page found in two inputs once, the first input’s', () => {
    const first = page('https://a.example/', [finding('link.test-mode', 'warning')]);
    const again = page('https://a.example/', [finding('program.placeholder', 'error')]);
    const merged = mergeReports([
      { label: 'a', report: report([page('https://c.example/'), first]) },
      { label: 'b', report: report([again, page('https://b.example/')]) },
      { label: 'a again', report: report([page('https://c.example/'), first]) },
    ]);
    expect(merged.pages.map((p) => p.url)).toEqual([
      'https://a.example/',
      'https://b.example/',
      'https://c.example/',
    ]);
    expect(merged.pages[0]).toEqual(first);
    expect(merged.summary).toEqual({ errors: 0, warnings: 1, infos: 0 });
  });

  it('keeps pages of one URL within one input (distinct visits of that run)', () => {
    const one = { ...page('https://a.example/done'), navigatedFrom: 'https://a.example/x' };
    const two = { ...page('https://a.example/done'), navigatedFrom: 'https://a.example/y' };
    const merged = mergeReports([{ label: 'a', report: report([one, two]) }]);
    expect(merged.pages).toEqual([one, two]);
  });

  it.each([
    [null, '(top level)'],
    [{ ...report([]), tool: 'other' }, 'tool'],
    [{ ...report([]), startedAt: 'yesterday' }, 'startedAt'],
    [
      report([
        { ...page('https://a.example/'), findings: [{ rule: 'nope', severity: 'error', message: 'm' }] },
      ] as never),
      'pages.0.findings.0.rule',
    ],
  ])('names the invalid input by number and label (%#)', (bad, path) => {
    const call = () =>
      mergeReports([
        { label: 'shard-1.json', report: report([]) },
        { label: 'shard-2.json', report: bad },
      ]);
    expect(call).toThrow(Error);
    expect(call).toThrow(/^report 2 \("shard-2\.json"\) is not a partnero-inspector --json report: [^\n]*$/);
    expect(call).toThrow(`: ${path}:`);
  });

  it('refuses an empty list', () => {
    expect(() => mergeReports([])).toThrow('no reports to merge');
  });
});
