/**
 * The GitHub Action (action.yml) as a runner runs it: its `run` steps, their `env:` with the
 * inputs substituted, in bash as `shell: bash` runs (`--noprofile --norc -eo pipefail`), with
 * the variables a runner sets (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP,
 * GITHUB_ACTION_PATH at this checkout). `uses:` steps (actions/setup-node) are the runner's
 * business and skipped: this Node runs the step. Chromium only, one fixture page.
 *
 * WIRING: the check's `--format github`, `--report FILE` and the job summary come from
 * src/cli/ci-output.ts once main.ts and args.ts call it; until then the CLI refuses
 * `--format` (exit 2) and the assertions marked "needs the wiring" fail.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../src/cli/static-server';
import { workflowCommands } from '../../src/report/__tests__/workflow-runner';
import { ReportSchema } from '../../src/report/schema';
import { ROOT, serveFixtures } from './support';

/** js-yaml, a dev dependency (no types of its own). */
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
}

const action = yaml.load(readFileSync(resolve(ROOT, 'action.yml'), 'utf8')) as Action;

/** The expression contexts the steps read. */
interface Contexts {
  inputs: Record<string, string>;
  github: Record<string, string>;
}

/** `inputs.x`, `github.x`, `'literal'` and `a || b` (the only operators the action uses). */
function evaluate(expression: string, ctx: Contexts): string {
  for (const operand of expression.split('||').map((o) => o.trim())) {
    const literal = /^'(.*)'$/.exec(operand);
    const [scope, name] = operand.split('.') as [keyof Contexts, string];
    const value = literal ? (literal[1] ?? '') : (ctx[scope]?.[name] ?? '');
    if (value !== '') return value;
  }
  return '';
}

const substitute = (text: string, ctx: Contexts) =>
  text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => evaluate(expression, ctx));

interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one `run` step as the runner does: the script in a file, `bash --noprofile --norc -eo pipefail`. */
function runStep(
  step: Step,
  ctx: Contexts,
  runnerEnv: Record<string, string>,
  cwd: string,
): Promise<StepRun> {
  const script = join(runnerEnv.RUNNER_TEMP ?? tmpdir(), `step-${step.id ?? 'run'}.sh`);
  writeFileSync(script, step.run ?? '');
  // The runner's own environment; nothing of this test's INPUT_* or GITHUB_* leaks in.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')),
  );
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v, ctx)]));
  return new Promise((done) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      env: { ...inherited, ...runnerEnv, ...stepEnv },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('close', (code) =>
      done({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(async () => {
  await server?.close();
});

describe('action.yml', () => {
  it('is a composite action whose scripts interpolate nothing: inputs arrive through env', () => {
    expect(action.runs.using).toBe('composite');
    const runs = action.runs.steps.filter((s) => s.run !== undefined);
    expect(runs.length).toBeGreaterThan(0);
    for (const step of runs) {
      expect(step.run).not.toContain('${{');
      expect(step.shell).toBe('bash');
    }
  });

  it('a broken page: exit 1, an error annotation, the job summary, JUnit and the JSON report', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'pi-action-'));
    const runnerEnv = {
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: join(workspace, 'step-summary.md'),
      GITHUB_OUTPUT: join(workspace, 'output.txt'),
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'pi-runner-')),
    };
    writeFileSync(runnerEnv.GITHUB_STEP_SUMMARY, '');
    writeFileSync(runnerEnv.GITHUB_OUTPUT, '');
    const url = `${server.origin}/links-added-late.html`;
    const given = { urls: `\n  ${url}\n`, aff: 'T', 'stub-partnero': 'true', wait: '500' };
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));
    const ctx: Contexts = {
      inputs: { ...defaults, ...given },
      github: {
        server_url: 'https://github.com',
        repository: 'o/r',
        sha: 'abc123',
        action_repository: '',
        action_ref: '',
      },
    };
    let run: StepRun | undefined;
    for (const step of action.runs.steps.filter((s) => s.run !== undefined)) {
      run = await runStep(step, ctx, runnerEnv, workspace);
    }
    const outputs = readFileSync(runnerEnv.GITHUB_OUTPUT, 'utf8');
    expect(outputs).toContain('report=partnero-inspector.json\njunit=partnero-inspector.junit.xml\n');

    // Needs the wiring from here on (--format github, --report, the summary).
    expect({ code: run?.code, stderr: run?.stderr }).toEqual({ code: 1, stderr: '' });
    expect(outputs).toMatch(/^exit-code=1$/m);
    expect(run?.stdout).toContain('::error title=link.missing-client-reference-id::');
    const annotations = workflowCommands(run?.stdout ?? '');
    expect(annotations.map((c) => `${c.command} ${c.properties.title}`)).toContain(
      'error link.missing-client-reference-id',
    );
    // The readable report is printed too, with commands stopped around it.
    expect(run?.stdout).toMatch(/::stop-commands::[0-9a-f-]{36}\n/);

    const summary = readFileSync(runnerEnv.GITHUB_STEP_SUMMARY, 'utf8');
    expect(summary).toMatch(/^## ❌ Partnero Inspector: 1 error/);
    expect(summary).toContain('| Page | Loader | Links ok / problems | Errors | Warnings |');
    expect(summary).toContain(`| ${url.replace(/:/g, '\\:')}?aff=T | ✅ |`);
    expect(summary).toContain(
      '(https://github.com/o/r/blob/abc123/docs/rules.md#link.missing-client-reference-id)',
    );

    const junit = join(workspace, 'partnero-inspector.junit.xml');
    expect(existsSync(junit)).toBe(true);
    const doc = new new Window().DOMParser().parseFromString(readFileSync(junit, 'utf8'), 'application/xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.tagName).toBe('testsuites');
    const failed = [...doc.querySelectorAll('testcase')].filter((c) => c.querySelector('failure'));
    expect(failed.map((c) => c.getAttribute('name'))).toEqual(['link.missing-client-reference-id']);

    const report = ReportSchema.parse(
      JSON.parse(readFileSync(join(workspace, 'partnero-inspector.json'), 'utf8')),
    );
    expect(report.summary.errors).toBe(1);
  });
});
