/**
 * classifyHeldScript: the loader's `<script>` as consent managers and speed optimizers leave
 * it in real pages (attributes as their own docs and output show them), and scripts that
 * look alike but run, or are not the loader, which must never be reported.
 */
import { describe, expect, it } from 'vitest';
import { classifyHeldScript, type HeldMechanism, runsAsJavaScript } from '../held-script';

const UNIVERSAL = 'https://app.partnero.com/js/universal.js';
/** The loader as Partnero's guide gives it. */
const LOADER = `(function(p,t,n,e,r,o){ p['__partnerObject']=r;function f(){
  var c={ a:arguments,q:[]};var r=this.push(c);return "number"!=typeof r?r:f.bind(c.q);}
  f.q=f.q||[];p[r]=p[r]||f.bind(f.q);p[r].q=p[r].q||f.q;o=t.createElement(n);
  var _=t.getElementsByTagName(n)[0];o.async=1;o.src=e+'?v'+(~~(new Date().getTime()/1e6));
  _.parentNode.insertBefore(o,_);})(window, document, 'script', '${UNIVERSAL}', 'po');
  po('program', 'QK3M2L9A', 'load');`;

const script = (attrs: Record<string, string>, text = LOADER) => ({
  attrs: Object.entries(attrs).map(([name, value]) => ({ name, value })),
  text,
});

describe('classifyHeldScript: held loaders', () => {
  it.each<{
    name: string;
    attrs: Record<string, string>;
    text?: string;
    mechanism: HeldMechanism;
    shown: string[];
  }>([
    {
      name: 'Cookiebot',
      attrs: { type: 'text/plain', 'data-cookieconsent': 'marketing' },
      mechanism: 'cookiebot',
      shown: ['type="text/plain"', 'data-cookieconsent="marketing"'],
    },
    {
      name: 'OneTrust',
      attrs: { type: 'text/plain', class: 'optanon-category-C0004' },
      mechanism: 'onetrust',
      shown: ['type="text/plain"', 'class="optanon-category-C0004"'],
    },
    {
      name: 'Complianz',
      attrs: {
        type: 'text/plain',
        'data-service': 'partnero',
        'data-category': 'marketing',
        class: 'cmplz-script',
      },
      mechanism: 'complianz',
      shown: ['type="text/plain"', 'class="cmplz-script"'],
    },
    {
      name: 'CookieYes',
      attrs: { type: 'text/plain', 'data-cookieyes': 'cookieyes-advertisement' },
      mechanism: 'cookieyes',
      shown: ['type="text/plain"', 'data-cookieyes="cookieyes-advertisement"'],
    },
    {
      name: 'CookieYes (Cookie Law Info)',
      attrs: {
        type: 'text/plain',
        'data-cli-class': 'cli-blocker-script',
        'data-cli-category': 'advertisement',
      },
      mechanism: 'cookieyes',
      shown: ['type="text/plain"', 'data-cli-class="cli-blocker-script"'],
    },
    {
      name: 'iubenda',
      attrs: { type: 'text/plain', class: '_iub_cs_activate', 'data-iub-purposes': '5' },
      mechanism: 'iubenda',
      shown: ['type="text/plain"', 'class="_iub_cs_activate"'],
    },
    {
      name: 'Osano',
      attrs: { type: 'text/plain', 'data-osano': 'MARKETING' },
      mechanism: 'osano',
      shown: ['type="text/plain"', 'data-osano="MARKETING"'],
    },
    {
      name: 'Usercentrics',
      attrs: { type: 'text/plain', 'data-usercentrics': 'Partnero' },
      mechanism: 'usercentrics',
      shown: ['type="text/plain"', 'data-usercentrics="Partnero"'],
    },
    {
      name: 'consentmanager.net, URL parked in data-cmp-src',
      attrs: {
        type: 'text/plain',
        class: 'cmplazyload',
        'data-cmp-vendor': 's1234',
        'data-cmp-src': UNIVERSAL,
      },
      text: '',
      mechanism: 'consentmanager',
      shown: ['type="text/plain"', 'class="cmplazyload"'],
    },
    {
      name: 'CookieScript',
      attrs: { type: 'text/plain', 'data-cookiescript': 'accepted', 'data-cookiecategory': 'targeting' },
      mechanism: 'cookiescript',
      shown: ['type="text/plain"', 'data-cookiescript="accepted"'],
    },
    {
      name: 'Borlabs Cookie',
      attrs: { type: 'text/template', 'data-borlabs-cookie-script-blocker-id': 'partnero' },
      mechanism: 'borlabs',
      shown: ['type="text/template"', 'data-borlabs-cookie-script-blocker-id="partnero"'],
    },
    {
      name: 'Didomi',
      attrs: { type: 'didomi/javascript', 'data-vendor': 'c:partnero' },
      mechanism: 'didomi',
      shown: ['type="didomi/javascript"'],
    },
    {
      name: 'a consent manager known by data-category (orestbida, Complianz variants)',
      attrs: { type: 'text/plain', 'data-category': 'marketing' },
      mechanism: 'consent',
      shown: ['type="text/plain"', 'data-category="marketing"'],
    },
    {
      name: 'a consent manager known by data-cookiecategory',
      attrs: { type: 'text/plain', 'data-cookiecategory': 'targeting' },
      mechanism: 'consent',
      shown: ['type="text/plain"', 'data-cookiecategory="targeting"'],
    },
    {
      name: 'WP Rocket, inline',
      attrs: { type: 'rocketlazyloadscript' },
      mechanism: 'wp-rocket',
      shown: ['type="rocketlazyloadscript"'],
    },
    {
      name: 'WP Rocket, URL parked in data-rocket-src',
      attrs: { type: 'rocketlazyloadscript', 'data-rocket-src': `${UNIVERSAL}?v1732`, async: '' },
      text: '',
      mechanism: 'wp-rocket',
      shown: ['type="rocketlazyloadscript"', `data-rocket-src="${UNIVERSAL}?v1732"`],
    },
    {
      name: 'LiteSpeed Cache',
      attrs: { type: 'litespeed/javascript' },
      mechanism: 'litespeed',
      shown: ['type="litespeed/javascript"'],
    },
    {
      name: 'LiteSpeed Cache, URL parked in data-src',
      attrs: { 'data-src': UNIVERSAL, type: 'litespeed/javascript' },
      text: '',
      mechanism: 'litespeed',
      shown: ['type="litespeed/javascript"'],
    },
    {
      name: 'Perfmatters',
      attrs: { type: 'pmdelayedscript', 'data-perfmatters-type': 'text/javascript', 'data-cfasync': 'false' },
      mechanism: 'perfmatters',
      shown: ['type="pmdelayedscript"', 'data-perfmatters-type="text/javascript"'],
    },
    {
      name: 'WP Meteor',
      attrs: { type: 'javascript/blocked', 'data-wpmeteor-type': 'text/javascript' },
      mechanism: 'wp-meteor',
      shown: ['type="javascript/blocked"', 'data-wpmeteor-type="text/javascript"'],
    },
    {
      name: 'Cloudflare Rocket Loader',
      attrs: { type: '4a7c8f2d1e3b-text/javascript' },
      mechanism: 'rocket-loader',
      shown: ['type="4a7c8f2d1e3b-text/javascript"'],
    },
    {
      name: 'Cloudflare Rocket Loader, older type',
      attrs: { type: 'text/rocketscript' },
      mechanism: 'rocket-loader',
      shown: ['type="text/rocketscript"'],
    },
    {
      name: 'text/plain with no known attribute: still never runs',
      attrs: { type: 'text/plain', 'data-name': 'partnero' },
      mechanism: 'unknown',
      shown: ['type="text/plain"'],
    },
    {
      name: 'only the universal.js URL in the text (a loader variant)',
      attrs: { type: 'text/plain', 'data-cookieconsent': 'statistics, marketing' },
      text: `var s=document.createElement('script');s.src='//app.partnero.com/js/universal.js';document.head.appendChild(s);`,
      mechanism: 'cookiebot',
      shown: ['type="text/plain"', 'data-cookieconsent="statistics, marketing"'],
    },
  ])('$name', ({ attrs, text, mechanism, shown }) => {
    const held = classifyHeldScript(script(attrs, text));
    expect(held?.mechanism).toBe(mechanism);
    expect(held?.attrs).toEqual(shown);
  });

  it('a URL parked in a data attribute of a runnable script without src or code', () => {
    expect(classifyHeldScript(script({ 'data-src': UNIVERSAL }, ''))).toEqual({
      mechanism: 'unknown',
      attrs: [`data-src="${UNIVERSAL}"`],
      src: UNIVERSAL,
    });
    expect(classifyHeldScript(script({ 'data-rocket-src': UNIVERSAL }, ''))?.mechanism).toBe('wp-rocket');
  });

  it('the parked URL is reported, capped; attribute values are capped', () => {
    const long = `${UNIVERSAL}?${'x'.repeat(500)}`;
    const held = classifyHeldScript(
      script({ type: 'text/plain', 'data-cookieconsent': 'm'.repeat(200), src: long }, ''),
    );
    expect(held?.src).toHaveLength(301);
    expect(held?.attrs[1]).toBe(`data-cookieconsent="${'m'.repeat(60)}…"`);
  });
});

describe('classifyHeldScript: not held loaders', () => {
  it.each<{ name: string; attrs: Record<string, string>; text?: string }>([
    { name: 'the loader as a normal script', attrs: {} },
    { name: 'type="text/javascript"', attrs: { type: 'text/javascript' } },
    { name: 'type="TEXT/JAVASCRIPT " (case, spaces)', attrs: { type: ' TEXT/JAVASCRIPT ' } },
    { name: 'type with a charset parameter', attrs: { type: 'text/javascript; charset=utf-8' } },
    { name: 'type="application/javascript"', attrs: { type: 'application/javascript' } },
    { name: 'type="module"', attrs: { type: 'module' } },
    { name: 'empty type', attrs: { type: '' } },
    {
      name: 'Cookiebot after consent: its copy runs as text/javascript',
      attrs: { type: 'text/javascript', 'data-cookieconsent': 'marketing' },
    },
    {
      name: 'Rocket Loader opted out with data-cfasync="false"',
      attrs: { 'data-cfasync': 'false', type: 'text/javascript' },
    },
    { name: 'universal.js loaded normally', attrs: { src: UNIVERSAL, async: '' }, text: '' },
    {
      name: 'a runnable script with src and a data-src copy of it',
      attrs: { src: UNIVERSAL, 'data-src': UNIVERSAL },
      text: '',
    },
    {
      name: 'JSON-LD that mentions the loader URL',
      attrs: { type: 'application/ld+json' },
      text: JSON.stringify({ '@type': 'SoftwareSourceCode', codeSample: LOADER }),
    },
    { name: 'an import map', attrs: { type: 'importmap' }, text: `{"imports":{"partnero":"${UNIVERSAL}"}}` },
    { name: 'a Vue template', attrs: { type: 'text/x-template' }, text: `<p>${UNIVERSAL}</p>` },
    {
      name: 'Magento init data naming universal.js',
      attrs: { type: 'text/x-magento-init' },
      text: `{"*":{"Partnero_Tracking/js/loader":{"url":"${UNIVERSAL}"}}}`,
    },
    { name: 'Partytown runs it (in a worker)', attrs: { type: 'text/partytown' } },
    {
      name: 'a held script that mentions Partnero only in a comment',
      attrs: { type: 'text/plain', 'data-cookieconsent': 'marketing' },
      text: "/* Partnero affiliate tracking is loaded separately */ gtag('config', 'G-XXXX');",
    },
    {
      name: 'a held script of another vendor',
      attrs: { type: 'text/plain', 'data-cookieconsent': 'statistics' },
      text: "(function(w,d,s,l,i){w[l]=w[l]||[];})(window,document,'script','dataLayer','GTM-XXXX');",
    },
    {
      name: 'a code sample of the snippet (Prism)',
      attrs: { type: 'text/plain', class: 'language-html' },
    },
    {
      name: 'a look-alike host',
      attrs: {
        type: 'text/plain',
        'data-cookieconsent': 'marketing',
        'data-src': 'https://notpartnero.com/js/universal.js',
      },
      text: '',
    },
    {
      name: 'another Partnero script parked',
      attrs: {
        type: 'text/plain',
        'data-cookieconsent': 'marketing',
        src: 'https://app.partnero.com/js/widget.js',
      },
      text: '',
    },
  ])('$name', ({ attrs, text }) => {
    expect(classifyHeldScript(script(attrs, text))).toBeNull();
  });
});

describe('classifyHeldScript: cost', () => {
  it('never reads the text of a runnable script, a data block or a code sample', () => {
    let reads = 0;
    const facts = (attrs: Record<string, string>) => ({
      ...script(attrs),
      get text() {
        reads++;
        return LOADER;
      },
    });
    classifyHeldScript(facts({ type: 'text/javascript' }));
    classifyHeldScript(facts({ type: 'application/ld+json' }));
    classifyHeldScript(facts({ type: 'text/plain', class: 'language-js' }));
    expect(reads).toBe(0);
    expect(
      classifyHeldScript(facts({ type: 'text/plain', 'data-cookieconsent': 'marketing' })),
    ).not.toBeNull();
    expect(reads).toBe(1);
  });
});

describe('runsAsJavaScript', () => {
  it.each<[string | null, boolean]>([
    [null, true],
    ['', true],
    ['  ', true],
    ['text/javascript', true],
    ['Text/JavaScript', true],
    ['module', true],
    ['text/plain', false],
    ['rocketlazyloadscript', false],
    ['4a7c8f2d1e3b-text/javascript', false],
    ['application/ld+json', false],
  ])('%j → %s', (type, runs) => {
    expect(runsAsJavaScript(type)).toBe(runs);
  });
});
