/**
 * The page's Content-Security-Policy blocks a Partnero URL: the browser never makes the
 * request (no webRequest event, nothing for the CLI's interception), only a
 * `securitypolicyviolation` shows it. Script loads are `snippet.script-failed`, everything
 * else `network.request-failed`, each with the directive to edit.
 */
import type { PageError } from '../../model/types';
import { page, request, SETTINGS, UNIVERSAL } from './fixtures';
import { describeRules } from './table';

const TRACKING = 'https://app.partnero.com/pub/v1/transactions';

function csp(url: string, directive: string, effectiveDirective = directive): PageError {
  return {
    kind: 'csp',
    message: `blocked by Content-Security-Policy (${effectiveDirective})`,
    url,
    directive,
    effectiveDirective,
    at: 5,
    frame: 'top',
  };
}

/** settings.js never loaded: the request is absent, the CSP report and the element's error are there. */
const settingsBlocked = page({
  requests: [request(UNIVERSAL)],
  errors: [
    csp(SETTINGS, 'script-src', 'script-src-elem'),
    { kind: 'script-error', message: 'script failed to load', url: SETTINGS, at: 6, frame: 'top' },
  ],
});

describeRules({
  'snippet.script-failed': [
    {
      name: 'settings.js blocked by script-src: the directive as the policy names it',
      page: settingsBlocked,
      expect: ['error'],
      message: "blocked by the page's Content-Security-Policy (script-src)",
      fix: 'Add https://assets.partnero.com to script-src',
      target: { href: SETTINGS },
    },
    {
      name: 'universal.js blocked under default-src',
      page: page({ requests: [], errors: [csp(UNIVERSAL, 'default-src', 'script-src-elem')] }),
      expect: ['error'],
      message: "universal.js failed to load: blocked by the page's Content-Security-Policy (default-src)",
      fix: 'Add https://app.partnero.com to default-src',
    },
    {
      name: 'a report without a directive (older capture) still counts',
      page: page({ errors: [{ kind: 'csp', message: 'Refused', url: SETTINGS, at: 1, frame: 'top' }] }),
      expect: ['error'],
      message: 'Content-Security-Policy',
    },
    {
      name: 'a blocked tracking call is not a script failure',
      page: page({ errors: [csp(TRACKING, 'connect-src')] }),
      expect: [],
    },
    { name: 'no CSP report', page: page(), expect: [] },
  ],
  'network.request-failed': [
    {
      name: 'tracking call blocked by connect-src',
      page: page({ errors: [csp(TRACKING, 'connect-src')] }),
      expect: ['error'],
      message: `A request to ${TRACKING} was blocked by the page's Content-Security-Policy (connect-src) before it left the page`,
      fix: 'Add https://app.partnero.com to connect-src',
      target: { href: TRACKING },
    },
    {
      name: 'pixel blocked by img-src under default-src',
      page: page({ errors: [csp('https://app.partnero.com/pixel.gif', 'default-src', 'img-src')] }),
      expect: ['error'],
      message: '(default-src)',
    },
    {
      name: 'the same block reported twice is one finding',
      page: page({ errors: [csp(TRACKING, 'connect-src'), csp(TRACKING, 'connect-src')] }),
      expect: ['error'],
    },
    {
      name: 'a Partnero script other than the loader, blocked by script-src',
      page: page({ errors: [csp('https://app.partnero.com/js/widget.js', 'script-src', 'script-src-elem')] }),
      expect: ['error'],
      message: '(script-src)',
    },
    {
      name: 'a blocked loader script is left to snippet.script-failed',
      page: settingsBlocked,
      expect: [],
    },
    {
      name: "another host's block is not Partnero's",
      page: page({ errors: [csp('https://www.google-analytics.com/collect', 'connect-src')] }),
      expect: [],
    },
    {
      name: 'other page errors are not CSP blocks',
      page: page({
        errors: [{ kind: 'po-undefined', name: 'po', message: 'po is not defined', at: 1, frame: 'top' }],
      }),
      expect: [],
    },
  ],
});
