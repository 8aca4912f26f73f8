/**
 * The referral cookie across the journey: one card per distinct value (and one for the pages
 * without it), naming the pages it was on, with each page's cookie findings.
 */
import { PARTNER_COOKIE } from '../../detect/cookie';
import { type CookieSighting, cookieSightings } from '../../panel/cookies';
import { severityShown } from '../../panel/filter';
import { FindingList } from '../shared/finding-list';
import { ShortValue } from '../shared/short-value';
import { CookieCard } from './cookie-card';
import type { ViewContext } from './view-context';

/** `pages 1, 2 and 3 (live)` */
function pagesText(sighting: CookieSighting, livePage: number | null): string {
  const names = sighting.pages.map((p) => `${p.n}${p.n === livePage ? ' (live)' : ''}`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return `${names.length > 1 ? 'Pages' : 'Page'} ${list}`;
}

function SightingCard({ sighting, ctx }: { sighting: CookieSighting; ctx: ViewContext }) {
  const title =
    sighting.raw === null
      ? `No ${PARTNER_COOKIE} cookie`
      : `${PARTNER_COOKIE}=${sighting.cookie?.value ?? sighting.raw}`;
  return (
    <section class="card cookie-card" aria-label={title}>
      <header class="card-head">
        <span class="card-title mono">
          <ShortValue text={title} />
        </span>
        <span class="muted">{pagesText(sighting, ctx.livePage)}</span>
      </header>
      <CookieCard cookie={sighting.cookie} now={ctx.now} />
      {sighting.pages.map((page) => {
        const findings = page.findings.filter(
          (f) => f.rule.startsWith('cookie.') && severityShown(f.severity, ctx.toggles),
        );
        if (!findings.length) return null;
        return (
          <div key={page.n} class="cookie-findings">
            {sighting.pages.length > 1 && <h4>Page {page.n}</h4>}
            <FindingList findings={findings} />
          </div>
        );
      })}
    </section>
  );
}

/** The Cookie tab: a card per distinct cookie value of the journey. */
export function CookieView({ ctx }: { ctx: ViewContext }) {
  return (
    <div class="scroll-view">
      {cookieSightings(ctx.pages).map((sighting) => (
        <SightingCard key={sighting.raw ?? ''} sighting={sighting} ctx={ctx} />
      ))}
    </div>
  );
}
