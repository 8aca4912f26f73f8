/**
 * `referral.param-dropped`: the visit arrived with the referral parameter, but a redirect
 * answered without it or the page's own script took it out of the address before universal.js
 * read it, so no `partnero_partner` cookie can come of this partner's link.
 */
import type { Redirect } from '../model/types';
import type { DroppedReferral } from './dropped';
import type { Draft } from './rule';
import { defineRule } from './rule';
import { clip } from './text';
import { parseUrl } from './urls';

/** `url` as a message shows it: path, query and hash on the page's own origin, else whole. */
function shown(url: string, origin: string | undefined): string {
  const u = parseUrl(url);
  return clip(u && u.origin === origin ? `${u.pathname}${u.search}${u.hash}` : url, 100);
}

/**
 * `301 /?aff=KEY → /en/`, or without a status (a client redirect; a server redirect heard only
 * at its commit) `/?aff=KEY → /en/`.
 */
function hopText(hop: Redirect, origin: string | undefined): string {
  const move = `${shown(hop.from, origin)} → ${shown(hop.to, origin)}`;
  return hop.kind === 'server' && hop.status !== undefined ? `${hop.status} ${move}` : move;
}

function draft({ param, value, by }: DroppedReferral, origin: string | undefined): Draft {
  const lost = `?${clip(param, 40)}=${clip(value, 40)}`;
  if ('redirect' in by) {
    const hop = by.redirect;
    const server = hop.kind === 'server';
    return {
      severity: 'error',
      message: server
        ? `The partner link's ${lost} was dropped by a server redirect (${hopText(hop, origin)}): universal.js never saw it, so this referral is lost.`
        : `The partner link's ${lost} was dropped by a client-side redirect (a <meta http-equiv="refresh"> or script: ${hopText(hop, origin)}): universal.js never saw it, so this referral is lost.`,
      fix: server
        ? `Make the redirect keep the query string: the rule or middleware that answers ${shown(hop.from, origin)} must append the original ?${clip(param, 40)}=… to its target.`
        : `Keep the query string in the redirect's target (append location.search), or run the Partnero loader on the page that redirects.`,
      target: { href: hop.from },
    };
  }
  const move = by.script;
  const when = move.loader ? 'before universal.js had read it' : 'before the Partnero loader had even run';
  return {
    severity: 'error',
    message: `Page script removed ${lost} from the address (history.${move.method}: ${shown(move.from, origin)} → ${shown(move.to, origin)}) ${when}: this referral is lost.`,
    fix: 'Run the Partnero loader before the script that tidies the address, and tidy it only after universal.js has set the partnero_partner cookie.',
    target: { href: move.from },
  };
}

export default defineRule('referral.param-dropped', ({ page, dropped }) => {
  const origin = parseUrl(page.entry?.asked ?? page.url)?.origin;
  return dropped.map((d) => draft(d, origin));
});
