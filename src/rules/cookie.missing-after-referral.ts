/** `cookie.missing-after-referral`: a referral visit ended without a `partnero_partner` cookie. */
import { defineRule } from './rule';
import { quote } from './text';

export default defineRule('cookie.missing-after-referral', ({ page, cookie, referrals }) => {
  // "Never set" can only be decided once the grace period after load is over.
  const referral = referrals.find(({ value }) => value !== '');
  if (!page.watchEnded || cookie !== null || referral === undefined) return [];
  return [
    {
      severity: 'error',
      message: `The URL carries ?${referral.param}=${quote(referral.value, 40)} but no partnero_partner cookie was set: this referral is lost.`,
      fix: 'Make sure universal.js loads and the program id is right; check consent banners and blockers that delete cookies.',
    },
  ];
});
