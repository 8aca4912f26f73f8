#!/usr/bin/env node
// The GitHub Action's one step (action.yml): reads the inputs from INPUT_* environment
// variables (never interpolated into a script), picks the CLI to run, makes sure the browser
// is there, runs `check` with GitHub output and passes its exit status on.
//
// Which CLI: with the `version` input, the published package (`npx --yes
// partnero-inspector@VERSION`); without it, this action's own checkout
// ($GITHUB_ACTION_PATH), built first when it has not been (`npm ci`, `npm run build`).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const input = (name) => (env[`INPUT_${name}`] ?? '').trim();

/** Exit 2 with a one-line reason, as the CLI does for a check that could not run. */
function fail(message) {
  process.stderr.write(`partnero-inspector action: ${message}\n`);
  process.exit(2);
}

/** Runs a command (no shell: arguments are passed as they are); its exit status. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 2;
}

/** A path input: one line (it is written to $GITHUB_OUTPUT), never an option. */
function pathInput(name) {
  const value = input(name);
  if (value === '' || /[\r\n]/.test(value) || value.startsWith('-'))
    fail(`input ${name.toLowerCase().replace(/_/g, '-')} must be a file path on one line`);
  return value;
}

/** The command that runs the CLI: [executable, ...leading arguments]. */
function cli() {
  const version = input('VERSION');
  if (version !== '') {
    // A registry version, range or tag only: no `file:`, URL or path specs.
    if (!/^[\w.+~^<>=*-]+$/.test(version)) fail(`input version is not a version: ${JSON.stringify(version)}`);
    return ['npx', ['--yes', `partnero-inspector@${version}`]];
  }
  const root = env.GITHUB_ACTION_PATH;
  if (!root) fail('GITHUB_ACTION_PATH is not set: run this as a GitHub Action step');
  const built = [
    '.output/cli/partnero-inspector.mjs',
    '.output/chrome-mv3/manifest.json',
    '.output/firefox-mv3/manifest.json',
  ];
  if (!built.every((file) => existsSync(join(root, file)))) {
    process.stdout.write('::group::Build partnero-inspector\n');
    const ok =
      (existsSync(join(root, 'node_modules')) || run('npm', ['ci'], { cwd: root }) === 0) &&
      run('npm', ['run', 'build'], { cwd: root }) === 0;
    process.stdout.write('::endgroup::\n');
    if (!ok) fail('could not build the action (npm ci, npm run build)');
  }
  return [process.execPath, [join(root, 'src', 'cli', 'bin.mjs')]];
}

/** Finds the browser; installs it when this runner lets us (root, or sudo without a password). */
function ensureBrowser([command, lead], browser) {
  if (run(command, [...lead, 'browsers', browser], { stdio: ['ignore', 'ignore', 'ignore'] }) === 0) return;
  const install = [...lead, 'browsers', '--install', browser];
  if (process.getuid?.() === 0) run(command, install);
  else if (command === process.execPath && run('sudo', ['-n', 'true'], { stdio: 'ignore' }) === 0)
    run('sudo', ['-n', command, ...install]);
  // Still missing: the check itself says so in one line and exits 2.
}

/** The check's arguments; the URLs come after `--`, so none can be read as an option. */
function checkArgs(files) {
  const urls = input('URLS').split(/\s+/).filter(Boolean);
  if (urls.length === 0) fail('input urls is empty: give the pages to check');
  const aff = input('AFF');
  const wait = input('WAIT');
  return [
    'check',
    '--format',
    'github',
    '--fail-on',
    input('FAIL_ON') || 'error',
    '--browser',
    input('BROWSER') || 'chrome',
    '--junit',
    files.junit,
    '--report',
    files.report,
    ...(aff ? ['--aff', aff] : []),
    ...(input('STUB_PARTNERO') === 'true' ? ['--stub-partnero'] : []),
    ...(wait ? ['--wait', wait] : []),
    '--',
    ...urls,
  ];
}

const files = { junit: pathInput('JUNIT'), report: pathInput('REPORT') };
const command = cli();
ensureBrowser(command, input('BROWSER') || 'chrome');
const code = run(command[0], [...command[1], ...checkArgs(files)]);
if (env.GITHUB_OUTPUT)
  appendFileSync(env.GITHUB_OUTPUT, `exit-code=${code}\nreport=${files.report}\njunit=${files.junit}\n`);
process.exit(code);
