// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { finding, page } from '../../report/__tests__/fixtures';
import { workflowCommands } from '../../report/__tests__/workflow-runner';
import { buildPageReport, buildReport } from '../../report/build';
import { ciOutputFiles, ciOutputs } from '../ci-output';
import { ciArgs, effectiveFormat } from '../format';
import { ArgError } from '../validate';

const report = buildReport({
  version: '1.2.3',
  browser: 'chrome 156',
  startedAt: '2026-11-26T21:00:00.000Z',
  pages: [
    buildPageReport('http://shop.test/pricing', page(), [
      finding('link.missing-client-reference-id', 'error', { message: 'wrapped\n  ::error::forged' }),
    ]),
  ],
});
/** A readable report that quotes a page badly: a line of it starts with a command. */
const terminal = () => 'report\n  ::warning::forged by the page\n';
const TOKEN = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const actions = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/tmp/step-summary.md' };

describe('ciArgs', () => {
  it.each([
    [{}, { json: false, format: undefined }],
    [{ json: true }, { json: true, format: 'json' }],
    [{ format: 'json' }, { json: true, format: 'json' }],
    [{ format: 'github' }, { json: false, format: 'github' }],
    [{ format: 'gitlab' }, { json: false, format: 'gitlab' }],
  ])('%o', (values, expected) => {
    expect(ciArgs(values)).toEqual({ ...expected, summary: undefined, report: undefined });
  });

  it.each([
    [{ format: 'xml' }, '--format must be one of terminal, json, github, gitlab, got "xml"'],
    [
      { json: true, format: 'gitlab' },
      '--json and --format "gitlab" both choose what stdout carries: give one',
    ],
    [{ summary: '' }, '--summary needs a non-empty value'],
    [{ report: '' }, '--report needs a non-empty value'],
  ])('refuses %o in one line', (values, message) => {
    expect(() => ciArgs(values)).toThrow(new ArgError(message));
  });

  it('without --format: github in GitHub Actions, terminal elsewhere', () => {
    expect(effectiveFormat(undefined, actions)).toBe('github');
    expect(effectiveFormat(undefined, {})).toBe('terminal');
    expect(effectiveFormat('json', actions)).toBe('json');
  });
});

describe('ciOutputs', () => {
  const opts = { format: undefined, summary: undefined, report: undefined, failOn: 'error' } as const;

  it('in GitHub Actions: the readable report (no command in it runs), then the annotations', () => {
    const out = ciOutputs(report, opts, actions, terminal, TOKEN);
    expect(out.stdout).toContain(terminal());
    expect(workflowCommands(out.stdout)).toEqual([
      {
        command: 'error',
        properties: { title: 'link.missing-client-reference-id' },
        data: 'wrapped   ::error::forged (http://shop.test/pricing)',
      },
    ]);
  });

  it('in GitHub Actions: the job summary is appended to $GITHUB_STEP_SUMMARY, rules linked', () => {
    const env = { ...actions, PARTNERO_INSPECTOR_DOCS_URL: 'https://github.com/o/r/blob/v1/' };
    const [summary] = ciOutputs(report, opts, env, terminal, TOKEN).files;
    expect(summary).toMatchObject({ file: '/tmp/step-summary.md', append: true });
    expect(summary?.text).toMatch(/^## ❌ Partnero Inspector: 1 error/);
    expect(summary?.text).toContain(
      '(https://github.com/o/r/blob/v1/docs/rules.md#link.missing-client-reference-id)',
    );
  });

  it('elsewhere: the readable report as it is, no summary unless --summary', () => {
    expect(ciOutputs(report, opts, {}, terminal)).toEqual({ stdout: terminal(), files: [] });
    const out = ciOutputs(report, { ...opts, summary: 'out.md' }, {}, terminal);
    expect(out.files.map((f) => f.file)).toEqual(['out.md']);
  });

  it('--format terminal in GitHub Actions still stops commands, and adds no annotations', () => {
    const out = ciOutputs(report, { ...opts, format: 'terminal' }, actions, terminal, TOKEN);
    expect(out.stdout).toBe(`::stop-commands::${TOKEN}\n${terminal()}::${TOKEN}::\n`);
  });

  it('--format json and gitlab print only their JSON; --report writes the JSON report too', () => {
    const json = ciOutputs(report, { ...opts, format: 'json', report: 'r.json' }, actions, terminal);
    expect(JSON.parse(json.stdout)).toEqual(report);
    expect(json.files[0]).toEqual({ file: 'r.json', text: json.stdout, append: false });
    const gitlab = JSON.parse(ciOutputs(report, { ...opts, format: 'gitlab' }, {}, terminal).stdout);
    expect(gitlab.map((i: { check_name: string }) => i.check_name)).toEqual([
      'link.missing-client-reference-id',
    ]);
  });

  it('names the files it will write, so they can be checked before the browser starts', () => {
    expect(ciOutputFiles({ summary: undefined, report: 'r.json' }, actions)).toEqual([
      'r.json',
      '/tmp/step-summary.md',
    ]);
    expect(ciOutputFiles({ summary: undefined, report: undefined }, {})).toEqual([]);
  });
});
