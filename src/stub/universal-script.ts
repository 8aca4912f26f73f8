/**
 * The stand-in for `https://app.partnero.com/js/universal.js`, as the source text served to pages.
 *
 * It is kept as plain ES2017 text, not built from a function's `.toString()`, so no bundler,
 * minifier or coverage instrumentation can ever slip a helper into code that runs in a page.
 * Behaviour (see Partnero's guide, and docs/rules.md):
 * - reads `window.__partnerObject` (default `po`), drains the queue `po.q` in order, then replaces
 *   the queue array's `push` so later calls are processed at once and `po(…)` returns undefined;
 * - `program ID load` injects `{assets_host}/program/{ID}/settings/settings.js`; a failed load is an
 *   unhandled rejection `Error: loading script`, like the real script;
 * - once a program's settings script has run (its `load` event), the referral parameter of the page
 *   URL becomes the `partnero_partner` cookie, then the API calls made so far are sent in order;
 * - never throws into the page: every call runs behind a try/catch.
 *
 * Assumption where the real script is undocumented: an empty `assets_host`/`host` falls back to the
 * default (`value || default`), while a relative or `http:` value is used as given.
 */
export const UNIVERSAL_JS = String.raw`/* Partnero Inspector: stand-in for Partnero universal.js (offline stub, not the real script) */
(() => {
  'use strict';

  const DEFAULT_ASSETS_HOST = 'https://assets.partnero.com';
  const DEFAULT_HOST = 'https://app.partnero.com/pub/v1';
  const COOKIE = 'partnero_partner';
  const DEFAULT_COOKIE_DAYS = 30;
  // A symbol key is invisible to Object.keys / getOwnPropertyNames, so the page sees no new global.
  const INSTALLED = Symbol.for('partnero-inspector.stub.universal');

  // A loader printed twice requests this script twice: only the first copy takes the queue over.
  if (window[INSTALLED]) return;
  window[INSTALLED] = true;

  const name = typeof window.__partnerObject === 'string' && window.__partnerObject ? window.__partnerObject : 'po';

  const state = {
    assetsHost: DEFAULT_ASSETS_HOST,
    host: DEFAULT_HOST,
    programs: new Map(), // id -> { type, settings, requested }
    programId: null, // first program whose settings arrived; named in API calls
    waiting: [], // API calls made before any program settings arrived, in call order
  };

  const isObject = (value) => value !== null && typeof value === 'object';
  const withoutTrailingSlash = (url) => url.replace(/\/+$/, '');

  const attempt = (action) => {
    try {
      action();
    } catch (error) {
      console.warn('[partnero stub]', error);
    }
  };

  const program = (id) => {
    if (!state.programs.has(id)) state.programs.set(id, { type: null, settings: Object.create(null), requested: false });
    return state.programs.get(id);
  };

  const readPartner = () => {
    const match = document.cookie.match(/(?:^|;\s*)partnero_partner=([^;]*)/);
    if (!match || !match[1]) return null;
    try {
      return decodeURIComponent(match[1]);
    } catch (error) {
      return match[1];
    }
  };

  // The partner key from the page URL: ?aff=KEY (link_param), ?{query_param}=KEY, or /aff/KEY for url_format 'path'.
  const referralKey = (settings) => {
    const names = [String(settings.link_param || 'aff')];
    if (settings.query_param) names.push(String(settings.query_param));
    const params = new URLSearchParams(location.search);
    for (const param of names) {
      if (params.get(param)) return params.get(param);
      if (settings.url_format === 'path') {
        const segments = location.pathname.split('/');
        const at = segments.indexOf(param);
        if (at >= 0 && segments[at + 1]) return decodeURIComponent(segments[at + 1]);
      }
    }
    return null;
  };

  const storeReferral = (settings) => {
    const key = referralKey(settings);
    if (!key) return;
    const days = Number(settings.cookie_time) > 0 ? Number(settings.cookie_time) : DEFAULT_COOKIE_DAYS;
    document.cookie =
      COOKIE + '=' + encodeURIComponent(key) + '; path=/; max-age=' + Math.round(days * 86400) + '; SameSite=Lax';
  };

  const post = (resource, payload) => {
    const body = Object.assign({ program: state.programId, partner: readPartner() }, isObject(payload) ? payload : {});
    // No custom headers: a CORS "simple" request needs no preflight, which request interceptors may never see.
    fetch(withoutTrailingSlash(state.host) + '/' + resource, { method: 'POST', body: JSON.stringify(body) }).catch(
      (error) => console.warn('[partnero stub] ' + resource + ' request failed', error),
    );
  };

  const whenReady = (action) => {
    if (state.programId === null) state.waiting.push(action);
    else attempt(action);
  };

  const programReady = (id) => {
    if (state.programId === null) state.programId = id;
    attempt(() => storeReferral(program(id).settings));
    state.waiting.splice(0).forEach(attempt);
  };

  const loadScript = (src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.async = true;
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error('loading script'));
      (document.head || document.documentElement).appendChild(script);
    });

  const loadProgram = (id) => {
    const entry = program(id);
    if (entry.requested) return;
    entry.requested = true;
    // Deliberately no catch: a blocked or missing settings script surfaces as "Error: loading script".
    loadScript(withoutTrailingSlash(state.assetsHost) + '/program/' + id + '/settings/settings.js').then(() =>
      programReady(id),
    );
  };

  const dispatch = (args) => {
    const [command, first, second, third, fourth] = args;
    switch (command) {
      case 'settings':
        if (first === 'assets_host') state.assetsHost = second ? String(second) : DEFAULT_ASSETS_HOST;
        if (first === 'host') state.host = second ? String(second) : DEFAULT_HOST;
        break;
      case 'program': {
        const id = String(first);
        if (second === 'load') loadProgram(id);
        if (second === 'type') program(id).type = third;
        if (second === 'settings' && typeof third === 'string') program(id).settings[third] = fourth;
        break;
      }
      case 'transactions':
        if (first === 'create') whenReady(() => post('transactions', second));
        break;
      case 'customers':
        if (first === 'signup') whenReady(() => post('customers', second));
        break;
      default:
        // 'integration' (form capture) and unknown commands: nothing to stand in for.
        break;
    }
  };

  // One queued item is { a: arguments, q: [] }; q collects chained calls, po(…)(…), made before we arrived.
  const processItem = (item) => {
    if (!isObject(item)) return;
    if (isObject(item.a)) dispatch(Array.prototype.slice.call(item.a, 0, 8));
    if (Array.isArray(item.q)) item.q.forEach((chained) => attempt(() => processItem(chained)));
  };

  const takeOver = () => {
    let queue = window[name];
    if (typeof queue !== 'function') {
      // universal.js without the loader: build the queue function the loader would have made.
      queue = function () {
        return queue.q.push({ a: arguments, q: [] });
      };
      window[name] = queue;
    }
    if (!Array.isArray(queue.q)) queue.q = [];
    const q = queue.q;
    while (q.length > 0) {
      const item = q.shift();
      attempt(() => processItem(item));
    }
    // The loader returns push's result when it is not a number, so po(…) now returns undefined.
    q.push = (...items) => {
      for (const item of items) attempt(() => processItem(item));
      return undefined;
    };
  };

  attempt(takeOver);
})();
`;
