/**
 * The stand-in for `https://assets.partnero.com/program/<ID>/settings/settings.js`: the program
 * settings a real affiliate program publishes, fed back through the page's own queue function.
 */

/** Where the stand-in's tracking API lives; universal.js posts transactions and customers here. */
export const STUB_API_HOST = 'https://app.partnero.com/pub/v1';

/** Settings of every stubbed program, in the order settings.js reports them. */
const PROGRAM_SETTINGS: ReadonlyArray<readonly [string, string | number]> = [
  ['cookie_time', 30],
  ['url_format', 'query'],
  ['link_param', 'aff'],
];

const WELL_FORMED_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Template values left unfilled. Ids carrying template markers (`${`, `{{`, `<?`, `%`) or left
 * empty never match {@link WELL_FORMED_ID}, so only these whole-word placeholders need a list.
 */
const PLACEHOLDER_IDS = new Set(['public_program_id', 'undefined', 'null']);

/** True when a real Partnero would serve settings for this id: well-formed and not a placeholder. */
export function isServableProgramId(id: string): boolean {
  return WELL_FORMED_ID.test(id) && !PLACEHOLDER_IDS.has(id.toLowerCase());
}

/**
 * Source of settings.js for one (servable) program id. The script looks the queue function up by
 * `window.__partnerObject` so pages with a custom queue name work too. universal.js treats the
 * script's `load` event, which fires once these calls have run, as the signal that it is done.
 */
export function settingsScript(programId: string): string {
  const id = JSON.stringify(programId);
  const calls = [
    `po('settings', 'host', ${JSON.stringify(STUB_API_HOST)});`,
    `po('program', ${id}, 'type', 'affiliate');`,
    ...PROGRAM_SETTINGS.map(
      ([key, value]) => `po('program', ${id}, 'settings', '${key}', ${JSON.stringify(value)});`,
    ),
  ];
  return [
    `/* Partnero Inspector: stand-in settings for program ${programId} (offline stub) */`,
    '(() => {',
    "  const po = window[window.__partnerObject || 'po'];",
    "  if (typeof po !== 'function') return;",
    ...calls.map((call) => `  ${call}`),
    '})();',
    '',
  ].join('\n');
}
