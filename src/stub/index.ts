/**
 * The built-in stand-in for Partnero (`--stub-partnero`, and every e2e test): answers any request
 * to `*.partnero.com` without the network, so checks run offline and create no real visits,
 * customers or transactions. Pure functions, no browser or Node APIs beyond `URL`.
 */
import { isPartneroUrl } from '../detect/partnero';

export { isPartneroUrl };

import { type ApiResource, answerApi } from './api';
import { isServableProgramId, settingsScript } from './settings-script';
import { UNIVERSAL_JS } from './universal-script';

export interface StubRequest {
  url: string;
  method: string;
  body?: string;
}

export interface StubResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const JS = 'application/javascript; charset=utf-8';
const JSON_TYPE = 'application/json';

/** Every answer may be read cross-origin (the page is the merchant's site) and is never cached. */
const COMMON_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };

const PREFLIGHT_HEADERS = {
  ...COMMON_HEADERS,
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Accept, Authorization, X-Requested-With',
  'Access-Control-Max-Age': '600',
};

const answer = (status: number, contentType: string, body: string): StubResponse => ({
  status,
  contentType,
  body,
  headers: { ...COMMON_HEADERS },
});

const preflight = (): StubResponse => ({
  status: 204,
  contentType: 'text/plain',
  body: '',
  headers: { ...PREFLIGHT_HEADERS },
});

const json = (status: number, value: unknown) => answer(status, JSON_TYPE, JSON.stringify(value));
const notFound = () => json(404, { message: 'Not Found' });

/** Host without a trailing root dot, lower-cased; null when the URL does not parse. */
function hostOf(url: URL | string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

interface Route {
  method: 'GET' | 'POST';
  host: string;
  path: RegExp;
  handle: (match: RegExpExecArray, req: StubRequest) => StubResponse;
}

function programSettings(encodedId: string): StubResponse {
  let id: string;
  try {
    id = decodeURIComponent(encodedId);
  } catch {
    return notFound(); // a raw `%` in the id: a template marker such as %PROGRAM_ID%
  }
  return isServableProgramId(id) ? answer(200, JS, settingsScript(id)) : notFound();
}

function api(resource: ApiResource, req: StubRequest): StubResponse {
  const { status, body } = answerApi(resource, req.body);
  return json(status, body);
}

const ROUTES: Route[] = [
  {
    method: 'GET',
    host: 'app.partnero.com',
    path: /^\/js\/universal\.js$/,
    handle: () => answer(200, JS, UNIVERSAL_JS),
  },
  {
    method: 'GET',
    host: 'assets.partnero.com',
    path: /^\/program\/([^/]*)\/settings\/settings\.js$/,
    handle: (match) => programSettings(match[1] ?? ''),
  },
  {
    method: 'POST',
    host: 'app.partnero.com',
    path: /^\/pub\/v1\/(transactions|customers)$/,
    handle: (match, req) => api(match[1] as ApiResource, req),
  },
];

/**
 * Answers one request to a Partnero host the way Partnero would: universal.js, program settings,
 * the tracking API, CORS preflights (204). Anything else, including non-Partnero URLs, is a 404.
 */
export function stubPartnero(req: StubRequest): StubResponse {
  if (!isPartneroUrl(req.url)) return notFound();
  const method = req.method.toUpperCase();
  if (method === 'OPTIONS') return preflight();
  const url = new URL(req.url);
  const host = hostOf(url);
  for (const route of ROUTES) {
    const match = route.method === method && route.host === host ? route.path.exec(url.pathname) : null;
    if (match) return route.handle(match, req);
  }
  return notFound();
}
