/** `link.test-mode`: a test-mode Payment Link on what looks like the live site. */
import { describeLink, linkTarget, TEST_LINK_PREFIX } from './links';
import { defineRule } from './rule';
import { clip } from './text';
import { isTestHost } from './urls';

export default defineRule('link.test-mode', ({ page, pageHost }) => {
  if (pageHost === null || isTestHost(pageHost)) return [];
  return page.links
    .filter((link) => link.kind === 'payment-link' && link.href?.startsWith(TEST_LINK_PREFIX))
    .map((link) => ({
      severity: 'warning',
      message: `${describeLink(link)} is a Stripe test-mode link on ${clip(pageHost, 60)}: buyers cannot pay with it.`,
      fix: 'Replace it with the live Payment Link from the Stripe dashboard (test mode off).',
      target: linkTarget(link),
    }));
});
