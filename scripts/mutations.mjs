/**
 * Mutation check: do the tests fail when the product breaks?
 *
 * For each deliberate breakage below, this script copies the working tree (what
 * `git ls-files -co --exclude-standard` lists) to a temporary directory, symlinks
 * node_modules from the original, applies the breakage as an exact text replacement in one
 * source file, builds the copy (`npm run build`, into the copy's own .output/) and runs the
 * unit tests, then the end-to-end suites in Chromium, each with `--bail 1`. A mutation is
 * CAUGHT when a test fails (the first failing test is named), MISSED when everything passes.
 * A search text that does not match the source exactly once, a build failure or a timeout is
 * an ERROR: a mutation that does not apply must never look like a pass.
 *
 * Mutations run one at a time (the machines have 2 cores); the copies are deleted at the end
 * (the logs are kept when a mutation is missed or errs). Exits non-zero unless every mutation
 * is caught.
 *
 *   npm run test:mutations                     # every mutation
 *   node scripts/mutations.mjs --only NAME     # one mutation (repeatable)
 *   node scripts/mutations.mjs --list          # print the mutations
 *
 * Plain Node (>= 20.19), no dependencies.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** End-to-end suites run against each mutation, in this order; files that do not exist are skipped. */
const E2E_FILES = ['test/e2e/fixtures.e2e.ts', 'test/e2e/extension.e2e.ts', 'test/e2e/cli.e2e.ts'];

/** No step may take longer than this (a hung browser must not hang the check). */
const STEP_TIMEOUT_MS = 30 * 60_000;

/** Colours off, so vitest's output can be parsed. */
const PLAIN_ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

/**
 * The breakages. `search` must occur exactly once in `file`; it is replaced by `replace`.
 * Each is a small, realistic regression of one behaviour the tests are meant to guard.
 */
const MUTATIONS = [
  {
    name: 'click-test-disabled',
    breaks: 'the click test reads each link instead of clicking it (the page helper never runs)',
    file: 'src/bridge/start.ts',
    search: 'const out = clickWithoutLeaving(el, doc);',
    replace: 'const out = { afterClick: clientReferenceIdOf(el.href), hrefAfterClick: cap(el.href) };',
  },
  {
    name: 'click-test-skipped',
    breaks: 'the end of the watch never runs the click test (what --no-click-test does)',
    file: 'entrypoints/background/finish.ts',
    search: "if (opts.clickTest || (asked && page.clickTest === 'idle')) await runClickTest(tabId);",
    replace: 'if (opts.clickTest && !opts.clickTest && asked) await runClickTest(tabId);',
  },
  {
    name: 'view-open-click-test-off',
    breaks:
      'opening the popup or panel after the watch no longer test-clicks the page (links stay not verified)',
    file: 'entrypoints/background/finish.ts',
    search: "  if (when === 'now') await runClickTest(tabId);",
    replace: "  if (when === 'never') await runClickTest(tabId);",
  },
  {
    name: 'forged-answer-accepted',
    breaks: "the CLI takes an answer that does not open with the run's key as the extension's",
    file: 'src/cli/automation.ts',
    search: '      if (body?.id !== id) continue;',
    replace:
      '      if (body?.id !== id) { const forged = (() => { try { return JSON.parse(atob(text)) as { response?: TabSnapshot }; } catch { return null; } })(); if (forged?.response) return forged.response; continue; }',
  },
  {
    name: 'late-link-scan-disabled',
    breaks: 'links added after the initial scan are never reported (the DOM-change rescan does nothing)',
    file: 'src/bridge/start.ts',
    search: '      rescanTimer = undefined;\n      rescan();\n',
    replace: '      rescanTimer = undefined;\n',
  },
  {
    name: 'caused-by-dropped',
    breaks: 'consequences lose causedBy (every finding looks like a root cause)',
    file: 'src/rules/causes.ts',
    search: 'return { ...finding, causedBy: root.rule, causeIndex: ordered.indexOf(root) };',
    replace: 'return { ...finding };',
  },
  {
    name: 'natural-watch-end-disabled',
    breaks:
      "the bridge never posts {type:'watch-end'}: neither once the page settled nor at the grace period's end",
    file: 'src/bridge/watch-end.ts',
    search: 'setTimeout(() => void ask(), Math.min(SETTLE.minMs, graceMs));',
    replace: 'void ask;',
  },
  {
    name: 'settle-ignores-page-timers',
    breaks:
      "the adaptive watch ends while the page's own short timers or requests are pending (a widget rendered 500 ms after load is missed)",
    file: 'src/watch/settle.ts',
    search: '(a.work !== undefined && (a.work.timers > 0 || a.work.requests > 0));',
    replace: 'false;',
  },
  {
    name: 'settle-ignores-late-scripts',
    breaks:
      'the adaptive watch ends while a script the page inserted is still loading (a tag manager that adds the loader 800 ms after load is missed)',
    file: 'src/cli/page-work.ts',
    search: 'if (!fetches || loading.has(el)) return;',
    replace: 'return;',
  },
  {
    name: 'settle-ignores-intervals',
    breaks:
      'the adaptive watch ends while the page polls on a short interval (links rendered when the poll succeeds are missed)',
    file: 'src/cli/page-work.ts',
    search: 'if (short(handler, delay)) intervals.add(id);',
    replace: 'void intervals;',
  },
  {
    name: 'settle-ignores-imports',
    breaks:
      'the adaptive watch ends while a module the page imports with import() is under way (links it renders are missed)',
    file: 'src/cli/page-work.ts',
    search: 'const fetching = countFetching(page);',
    replace: 'const fetching = () => 0;',
  },
  {
    name: 'settle-ignores-deferred',
    breaks:
      'the adaptive watch ends while the page defers work without a timer (frame or idle callbacks, a delayed task, an animation whose end renders links)',
    file: 'src/cli/page-work.ts',
    search: 'timers: all ? timers + deferred + messages : timers,',
    replace: 'timers: all ? timers + messages : timers,',
  },
  {
    name: 'settle-ignores-messages',
    breaks:
      "the adaptive watch ends while the page awaits a worker's or a stream's first message, or works in slices between posted messages",
    file: 'src/cli/page-work.ts',
    search: 'timers: all ? timers + deferred + messages : timers,',
    replace: 'timers: all ? timers + deferred : timers,',
  },
  {
    name: 'settle-reads-top-frame-only',
    breaks: "the adaptive watch reads the top document's pending work only (a frame's late links are missed)",
    file: 'src/cli/page-work.ts',
    search: 'const frames = [top, ...page.frames().filter((f) => f !== top)].slice(0, FRAMES_READ);',
    replace: 'const frames = [top];',
  },
  {
    name: 'extension-ignores-late-scripts',
    breaks:
      "the extension's own end of watch no longer waits for scripts inserted after load (a late tag manager's loader shows as missing)",
    file: 'src/bridge/start.ts',
    search: '      late.arm();\n',
    replace: '',
  },
  {
    name: 'page-request-timing-ignored',
    breaks:
      "without webRequest (Chromium as built), the page's Resource Timing of Partnero requests is dropped",
    file: 'src/store/reducer.ts',
    search: 'return addPageRequest(page, e, rel(e.at));',
    replace: 'return false;',
  },
  {
    name: 'stand-in-422-ignored',
    breaks: 'network.request-failed ignores HTTP error statuses: a Partnero 422 reads as success',
    file: 'src/rules/network.request-failed.ts',
    search: 'if (failure === null) return null;',
    replace: "if (failure === null || failure.kind === 'http') return null;",
  },
];

/** Occurrences of `needle` in `haystack` (non-overlapping). */
function countOf(haystack, needle) {
  return needle === '' ? 0 : haystack.split(needle).length - 1;
}

/** Applies `m` to the tree at `dir`; throws unless its search text occurs exactly once. */
function applyMutation(m, dir) {
  const path = join(dir, m.file);
  if (!existsSync(path)) throw new Error(`${m.name}: ${m.file} does not exist`);
  const source = readFileSync(path, 'utf8');
  const count = countOf(source, m.search);
  if (count !== 1) {
    throw new Error(`${m.name}: search text found ${count} times in ${m.file} (must be exactly once)`);
  }
  const mutated = source.replace(m.search, () => m.replace);
  if (mutated === source) throw new Error(`${m.name}: the replacement leaves ${m.file} unchanged`);
  writeFileSync(path, mutated);
}

/** Copies the working tree (tracked and untracked-not-ignored files) to `dir`; links node_modules. */
function copyTree(dir) {
  const git = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (git.status !== 0) throw new Error(`git ls-files failed: ${git.stderr}`);
  // node_modules is linked below, whatever form it has here (a link is not ignored as a folder).
  const files = git.stdout
    .split('\0')
    .filter((f) => f && f !== 'node_modules' && !f.startsWith('node_modules/'));
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const from = join(ROOT, file);
    // Tracked files deleted in the working tree are listed too: the copy mirrors the tree.
    if (!existsSync(from) && !isSymlink(from)) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(from, join(dir, file), { verbatimSymlinks: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return files.length;
}

function isSymlink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The child running now, so an interrupt can stop it (it runs in its own process group). */
let current = null;

/** Runs a command in `cwd`, writing its output to `log`; resolves with exit code and output. */
function run(cmd, args, { cwd, env = PLAIN_ENV, log }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, STEP_TIMEOUT_MS);
    const done = (code) => {
      clearTimeout(timer);
      current = null;
      const output = Buffer.concat(chunks).toString('utf8');
      writeFileSync(log, `$ ${cmd} ${args.join(' ')}\n${output}`);
      resolve({ code: timedOut ? 'timeout' : code, output });
    };
    child.on('error', (err) => {
      chunks.push(Buffer.from(String(err)));
      done(-1);
    });
    child.on('close', (code, signal) => done(code ?? signal));
  });
}

/** Stops a child we started and everything it started (its own process group). */
function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

/** The first failing test vitest names in `output` (its "FAIL file > suite > test" line), or null. */
function firstFailure(output) {
  const lines = output.replace(ANSI, '').split('\n');
  const fail = lines.map((l) => /^\s*FAIL\s+(.+?)\s*$/.exec(l)).find(Boolean);
  if (fail) return fail[1];
  const cross = lines.map((l) => /^\s*[×✗]\s+(.+?)(?:\s+\d+ms)?\s*$/.exec(l)).find(Boolean);
  if (cross) return cross[1];
  if (lines.some((l) => /Unhandled (Error|Rejection)/i.test(l))) return 'an unhandled error';
  return null;
}

/** The last lines of a command's output, for an error message. */
function tail(output, n = 25) {
  return output.replace(ANSI, '').trimEnd().split('\n').slice(-n).join('\n');
}

/** The test steps, in order: unit first (cheap), then the end-to-end suites that exist in `dir`. */
function testSteps(dir) {
  const steps = [{ suite: 'unit', cmd: 'npx', args: ['vitest', 'run', '--bail', '1', '--no-cache'] }];
  const e2e = E2E_FILES.filter((f) => existsSync(join(dir, f)));
  if (e2e.length) {
    const args = [
      'vitest',
      'run',
      '--config',
      'test/e2e/vitest.config.ts',
      '--bail',
      '1',
      '--no-cache',
      ...e2e,
    ];
    steps.push({ suite: 'e2e', cmd: 'npx', args, env: { ...PLAIN_ENV, E2E_BROWSERS: 'chrome' } });
  }
  return steps;
}

/** Builds and tests one mutated copy; returns the row of the result table. */
async function checkMutation(m, runDir, say) {
  const started = Date.now();
  const row = { name: m.name, breaks: m.breaks, file: m.file, status: 'ERROR', detail: '', ms: 0 };
  const dir = join(runDir, m.name);
  const log = (step) => join(runDir, 'logs', `${m.name}.${step}.log`);
  try {
    say(`copying the working tree (${copyTree(dir)} files)`);
    applyMutation(m, dir);
    say('building (npm run build)');
    const build = await run('npm', ['run', 'build'], { cwd: dir, log: log('build') });
    if (build.code !== 0) throw new Error(`build failed (${build.code}):\n${tail(build.output)}`);
    row.status = 'MISSED';
    for (const step of testSteps(dir)) {
      say(`running ${step.suite} tests: ${step.cmd} ${step.args.join(' ')}`);
      const res = await run(step.cmd, step.args, { cwd: dir, env: step.env, log: log(step.suite) });
      if (res.code === 0) continue;
      if (res.code === 'timeout') throw new Error(`${step.suite} tests timed out`);
      row.status = 'caught';
      row.detail = `${step.suite}: ${firstFailure(res.output) ?? `exit code ${res.code}, no failing test named`}`;
      break;
    }
  } catch (err) {
    row.status = 'ERROR';
    row.detail = String(err instanceof Error ? err.message : err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    row.ms = Date.now() - started;
  }
  return row;
}

/** "1 m 23 s" */
function duration(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s`;
}

/** What the result column says for a row. */
function resultText(row) {
  if (row.status === 'caught') return `caught by ${row.detail}`;
  if (row.status === 'MISSED') return 'MISSED (every test passed)';
  return `ERROR: ${row.detail.split('\n')[0]}`;
}

/** Prints the result table (Markdown, columns padded). */
function printTable(rows) {
  const head = ['mutation', 'what it breaks', 'file', 'time', 'result'];
  const body = rows.map((r) => [r.name, r.breaks, r.file, duration(r.ms), resultText(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${line(head)}`);
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const cells of body) console.log(line(cells));
}

function printList() {
  for (const m of MUTATIONS) {
    console.log(`${m.name}\n  breaks:  ${m.breaks}\n  file:    ${m.file}`);
    console.log(`  before:  ${JSON.stringify(m.search)}\n  after:   ${JSON.stringify(m.replace)}\n`);
  }
}

/** The mutations asked for; every --only must name one. */
function selected(only) {
  if (!only?.length) return MUTATIONS;
  const unknown = only.filter((name) => !MUTATIONS.some((m) => m.name === name));
  if (unknown.length) {
    throw new Error(
      `unknown mutation ${unknown.join(', ')}; known: ${MUTATIONS.map((m) => m.name).join(', ')}`,
    );
  }
  return MUTATIONS.filter((m) => only.includes(m.name));
}

/** Fails before any copy or build when a search text no longer matches the source exactly once. */
function checkSearchTexts(mutations) {
  const problems = [];
  for (const m of mutations) {
    const path = join(ROOT, m.file);
    const count = existsSync(path) ? countOf(readFileSync(path, 'utf8'), m.search) : -1;
    if (count === -1) problems.push(`${m.name}: ${m.file} does not exist`);
    else if (count !== 1) problems.push(`${m.name}: search text found ${count} times in ${m.file}`);
  }
  return problems;
}

async function main() {
  const { values } = parseArgs({
    options: { only: { type: 'string', multiple: true }, list: { type: 'boolean' } },
  });
  if (values.list) return printList();
  const mutations = selected(values.only);
  const problems = checkSearchTexts(mutations);
  if (problems.length) {
    for (const p of problems) console.error(`ERROR ${p} (must be exactly once): update the mutation`);
    process.exitCode = 1;
    return;
  }
  const runDir = mkdtempSync(join(tmpdir(), 'partnero-mutations-'));
  mkdirSync(join(runDir, 'logs'));
  cleanUpOnInterrupt(runDir);
  const rows = [];
  for (const [i, m] of mutations.entries()) {
    const say = (what) => console.log(`[${i + 1}/${mutations.length}] ${m.name}: ${what}`);
    const row = await checkMutation(m, runDir, say);
    say(`${resultText(row)} — ${duration(row.ms)}`);
    if (row.status === 'ERROR') console.error(row.detail);
    rows.push(row);
  }
  printTable(rows);
  finish(rows, runDir);
}

/** Summary line, exit code, and the temporary directory removed (logs kept when not all caught). */
function finish(rows, runDir) {
  const bad = rows.filter((r) => r.status !== 'caught');
  const total = rows.reduce((sum, r) => sum + r.ms, 0);
  console.log(`\n${rows.length - bad.length}/${rows.length} mutations caught in ${duration(total)}.`);
  if (bad.length === 0) {
    rmSync(runDir, { recursive: true, force: true });
    return;
  }
  console.log(`Not caught: ${bad.map((r) => `${r.name} (${r.status})`).join(', ')}.`);
  console.log(`Logs: ${join(runDir, 'logs')}`);
  process.exitCode = 1;
}

/** Ctrl-C: the children run in their own process group, so stop ours and remove the copies. */
function cleanUpOnInterrupt(runDir) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (current) killGroup(current);
      rmSync(runDir, { recursive: true, force: true });
      process.exit(130);
    });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
