// @vitest-environment node
/**
 * How promptly the CLI ends: `node src/cli/bin.mjs demo` spawned as a user runs it, timed from
 * spawn to its exit (the whole process) and from the last byte of its report on stdout to its
 * exit (the "linger" a user waits through after the report). Prints a table; asserts nothing
 * about time.
 *
 * BENCH_CLI=/path/to/other/checkout/src/cli/bin.mjs measures another build (e.g. a git worktree
 * of the previous commit, built there) with the same harness; BENCH_CLI_RUNS sets the runs.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, it } from 'vitest';
import { type BrowserKind, findBrowser } from '../../src/cli/browsers';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = process.env.BENCH_CLI ?? resolve(ROOT, 'src', 'cli', 'bin.mjs');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
const rows: [string, string][] = [];

afterAll(() => {
  const width = Math.max(0, ...rows.map((r) => r[0].length));
  process.stdout.write(
    `\nPartnero Inspector — CLI exit, ${BIN} demo, ${RUNS} runs each (min / median / max)\n${rows
      .map(([what, value]) => `  ${what.padEnd(width)}  ${value}`)
      .join('\n')}\n\n`,
  );
});

interface Run {
  /** Spawn to the child's exit event. */
  wholeMs: number;
  /** The last stdout chunk (the end of the report) to the child's exit event; NaN without one. */
  lingerMs: number;
  code: number | null;
  /** The last line on stderr: why a run ended with exit 2. */
  said: string;
}

/** One whole run of the CLI, its output read through a pipe as a terminal or CI would. */
function runDemo(browser: BrowserKind): Promise<Run> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    let lastOut = Number.NaN;
    let said = '';
    const child = spawn(process.execPath, [BIN, 'demo', '--browser', browser], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Time the bytes as they arrive; the parent is idle, so this is when the child wrote them.
    child.stdout.on('data', () => {
      lastOut = performance.now();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      said = chunk.toString().trim().split('\n').pop() ?? said;
    });
    child.once('error', fail);
    let exitAt = Number.NaN;
    child.once('exit', () => {
      exitAt = performance.now();
    });
    // Resolved on 'close', once the pipes have delivered every byte, but timed at 'exit'.
    child.once('close', (code) => done({ wholeMs: exitAt - t0, lingerMs: exitAt - lastOut, code, said }));
  });
}

/** `min / median / max` of `xs` (NaN left out), each formatted by `fmt`. */
function spread(xs: number[], fmt: (x: number) => string): string {
  const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const pick = [sorted[0], sorted[Math.floor(sorted.length / 2)], sorted[sorted.length - 1]];
  return pick.map((x) => fmt(x ?? Number.NaN)).join(' / ');
}

it.each(['chrome', 'firefox'] as const)('CLI demo, whole process and report → exit: %s', async (kind) => {
  if (!findBrowser(kind)) {
    rows.push([`${kind}: not measured`, 'no browser found']);
    return;
  }
  const runs: Run[] = [];
  // One after another: two browsers at once on a small machine would time each other.
  for (let i = 0; i < RUNS; i++) runs.push(await runDemo(kind));
  rows.push([
    `${kind}: whole process, spawn → exit (s)`,
    spread(
      runs.map((r) => r.wholeMs / 1000),
      (s) => s.toFixed(2),
    ),
  ]);
  rows.push([
    `${kind}: report written → exit (ms)`,
    spread(
      runs.map((r) => r.lingerMs),
      (ms) => ms.toFixed(0),
    ),
  ]);
  rows.push([`${kind}: exit codes`, runs.map((r) => r.code).join(' ')]);
  for (const r of runs.filter((run) => run.code !== 0)) rows.push([`${kind}: exit ${r.code}`, r.said]);
});
