/**
 * `snippet.delayed`: the loader is in the page but held back by a consent manager (until the
 * visitor consents) or a speed optimizer (until the first interaction, or until its own
 * runner gets to it). Judged from the markup (the bridge's held-script scan) and from what
 * ran: a held loader whose code then ran (consent given, …) is fine. Decided at the end of
 * the watch, when whatever releases it on its own has had its chance.
 */
import { HELD_KINDS, type HeldMechanism } from '../detect/held-script';
import type { HeldScript } from '../model/types';
import { type Draft, defineRule } from './rule';
import { clip } from './text';

const NAMES: Record<HeldMechanism, string> = {
  cookiebot: 'Cookiebot',
  onetrust: 'OneTrust',
  complianz: 'Complianz',
  cookieyes: 'CookieYes',
  iubenda: 'iubenda',
  osano: 'Osano',
  usercentrics: 'Usercentrics',
  consentmanager: 'consentmanager',
  cookiescript: 'CookieScript',
  borlabs: 'Borlabs Cookie',
  didomi: 'Didomi',
  consent: 'a consent manager',
  'wp-rocket': 'WP Rocket',
  litespeed: 'LiteSpeed Cache',
  perfmatters: 'Perfmatters',
  'wp-meteor': 'WP Meteor',
  'rocket-loader': 'Cloudflare Rocket Loader',
  unknown: 'an unknown script',
};

/** How to let the loader run at once, per optimizer (consent managers share one fix). */
const OPTIMIZER_FIXES: Partial<Record<HeldMechanism, string>> = {
  'wp-rocket':
    'Exclude the loader from WP Rocket\'s "Delay JavaScript execution" (File Optimization → Excluded JavaScript Files: add partnero) so it runs at once in <head>.',
  litespeed:
    'Exclude the loader from LiteSpeed Cache\'s delayed JavaScript (Page Optimization → Tuning → "JS Deferred / Delayed Excludes": add partnero) so it runs at once.',
  perfmatters:
    'Exclude the loader from Perfmatters\' "Delay JavaScript" (Assets → JavaScript → Excluded from Delay: add partnero) so it runs at once.',
  'wp-meteor': 'Exclude the loader from WP Meteor (add partnero to its exclusions) so it runs at once.',
  'rocket-loader':
    'Add data-cfasync="false" to the loader\'s <script> tag so Cloudflare Rocket Loader leaves it alone (or turn Rocket Loader off).',
  unknown:
    "Find the plugin, theme or tag manager that changed the script's type and exclude the Partnero loader from it: it must run as a plain <script> in <head>.",
};

/** What the consent manager calls "always allowed", for the fix. */
const STRICTLY_NECESSARY: Partial<Record<HeldMechanism, string>> = {
  cookiebot: 'Cookiebot: data-cookieconsent="ignore" and type="text/javascript"',
  onetrust: 'OneTrust: Strictly Necessary, class optanon-category-C0001',
};

const LOST = 'is not attributed, because the referral parameter is gone on the next page';

function mechanismOf(held: HeldScript): HeldMechanism {
  return Object.hasOwn(HELD_KINDS, held.mechanism) ? (held.mechanism as HeldMechanism) : 'unknown';
}

/** "held by Cookiebot until the visitor consents (type="text/plain", …): what it costs". */
function how(mechanism: HeldMechanism, held: HeldScript): string {
  const shown = held.attrs.slice(0, 3).map((attr) => clip(attr, 110));
  const attrs = shown.length ? ` (${shown.join(', ')})` : '';
  const name = NAMES[mechanism];
  switch (HELD_KINDS[mechanism]) {
    case 'consent':
      return `held by ${name} until the visitor consents${attrs}: a referred visitor who goes to another page or buys before consenting ${LOST}`;
    case 'interaction':
      return `deferred by ${name} until the first interaction${attrs}: a referred visitor whose first click goes to another page or to checkout ${LOST}`;
    case 'after-render':
      return `deferred by ${name}${attrs}, which runs it only after the page has rendered, and it had not run by the end of the watch: a referred visitor who moves on first ${LOST}`;
    default:
      return `held back${attrs}: browsers do not run a script of that type and nothing had run it by the end of the watch; a referred visitor who moves on before something does ${LOST}`;
  }
}

function fixFor(mechanism: HeldMechanism, param: string): string {
  const fix = OPTIMIZER_FIXES[mechanism];
  if (HELD_KINDS[mechanism] !== 'consent' && fix !== undefined) return fix;
  const necessary = STRICTLY_NECESSARY[mechanism] ?? `${NAMES[mechanism]}: its "strictly necessary" category`;
  return `If your counsel agrees, let the loader run as strictly necessary (${necessary}); otherwise keep the ?${param}= parameter on the visitor's next pages until they consent, so universal.js can still read it.`;
}

export default defineRule('snippet.delayed', ({ page, held, referralParams }) => {
  if (!page.watchEnded) return [];
  const param = clip(referralParams[0] ?? 'aff', 40);
  const seen = new Set<string>();
  const findings: Draft[] = [];
  for (const script of held) {
    const mechanism = mechanismOf(script);
    // One finding per frame and mechanism: the loader and its universal.js held alike are one problem.
    const key = `${script.frame} ${mechanism}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const where = script.frame === 'top' ? 'the page' : 'a frame';
    findings.push({
      severity: 'warning',
      message: `The Partnero loader is in ${where} but ${how(mechanism, script)}.`,
      fix: fixFor(mechanism, param),
      target: { frame: script.frame },
    });
  }
  return findings;
});
