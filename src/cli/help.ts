/**
 * The commands of `partnero-inspector` and the help of those whose options are not parsed in
 * a module of their own: the overview (`partnero-inspector --help`), `merge`, `browsers`,
 * `demo`. `check --help` is `usage()` in args.ts, `audit --help` `auditUsage()` in audit/args.ts.
 */

/** The journeys' config file `check` reads from the current folder when given no URL. */
export const CONFIG_FILE = 'partnero-inspector.config.json';

/** Every command, with the one line the overview says of it. */
export const COMMANDS = {
  check: 'check a journey of pages (or the journeys of a config file)',
  audit: 'check every page of a site, worst first',
  merge: 'join the --json reports of audit shards into one',
  demo: 'check the bundled demo shop (offline)',
  browsers: 'find (as root on Debian: install) the browsers the check drives',
  help: 'show the help of a command',
} as const;

/** A command's name. */
export type CommandName = keyof typeof COMMANDS;

/** The command names, in the overview's order. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** True when `word` names a command. */
export function isCommand(word: string | undefined): word is CommandName {
  return word !== undefined && Object.hasOwn(COMMANDS, word);
}

/** `partnero-inspector --help`: the commands, the common options, a few examples. */
export function overview(): string {
  const width = Math.max(...COMMAND_NAMES.map((name) => name.length));
  const lines = COMMAND_NAMES.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]}`);
  return `Usage: partnero-inspector <command> [options]

Checks Partnero affiliate tracking in a real browser with the Partnero Inspector extension
installed. Nothing is ever sent to Stripe.

Commands:
${lines.join('\n')}

Options of every command:
  -h, --help         show the command's help (or: partnero-inspector help <command>)
  -v, --version      print the version

Colour: on for a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 on (e.g. in CI logs).

Examples:
  partnero-inspector check https://shop.example/pricing --aff TEST
  partnero-inspector check                    # the journeys of partnero-inspector.config.json
  partnero-inspector audit https://shop.example/ --stub-partnero
`;
}

/** `merge --help`. */
export function mergeUsage(): string {
  return `Usage: partnero-inspector merge <report.json> [<report.json> …] [options]

Joins the --json reports of audit shards (or of checks) into one report on stdout: pages
sorted by URL, a page two reports both have kept once, the summary recomputed.

Options:
  --junit FILE       also write the merged report as JUnit XML to FILE
  -h, --help         show this help
  -v, --version      print the version

Examples:
  partnero-inspector merge shard-1.json shard-2.json shard-3.json > site.json
  partnero-inspector merge shard-*.json --junit site-junit.xml > site.json

Exit status: 0 no error in the merged report, 1 errors, 2 the reports could not be merged.
`;
}

/** `browsers --help`. */
export function browsersUsage(): string {
  return `Usage: partnero-inspector browsers [chrome|firefox …] [options]

Says where the browsers the check drives are on this machine (default: both), and for a
missing one the command that gets it here. It looks at CHROME_PATH / FIREFOX_PATH, then
Chrome, Chromium, Edge and Firefox where Linux, macOS and Windows install them, then what
\`npx @puppeteer/browsers install chrome@stable\` installed (this folder,
PUPPETEER_CACHE_DIR or ~/.cache/puppeteer). With --install, as root on Debian/Ubuntu, it
installs the missing ones with apt-get.

Options:
  --install          install the missing browsers (root on Debian/Ubuntu)
  -h, --help         show this help
  -v, --version      print the version

Examples:
  partnero-inspector browsers
  sudo partnero-inspector browsers --install chrome
  npx @puppeteer/browsers install chrome@stable && partnero-inspector browsers chrome

Exit status: 0 every browser asked for is there, 2 one is missing.
`;
}

/** `demo --help`. */
export function demoUsage(): string {
  return `Usage: partnero-inspector demo [options]

Serves the bundled demo shop on 127.0.0.1 and checks its journey (landing → pricing → order
confirmation) as a referred visitor, offline (the Partnero stand-in answers). Exits 0
whenever the check ran: its findings are the point.

Options: check's (--aff, --json, --junit, --browser, --wait, …; see check --help).

Examples:
  partnero-inspector demo
  partnero-inspector demo --browser firefox
  partnero-inspector demo --json > demo-report.json
`;
}
