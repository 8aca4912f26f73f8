/**
 * `cookie.absent`: no referral cookie on a visit that is not referred, so attribution can
 * only be checked statically. With a referral parameter in the URL the cookie must appear:
 * that is `cookie.missing-after-referral`'s to judge, not an info.
 */
import { defineRule } from './rule';

export default defineRule('cookie.absent', ({ cookie, referrals, dropped }) => {
  if (cookie !== null || referrals.some(({ value }) => value !== '')) return [];
  // Referred, but the parameter was lost on the way in: referral.param-dropped says so.
  if (dropped.length > 0) return [];
  return [
    {
      severity: 'info',
      message:
        'No partnero_partner cookie: this visit is not referred, so links can only be checked statically.',
      fix: 'Re-open the page with ?aff=TEST (or Simulate a referred visit) to check attribution end to end.',
      cliFix: 'Run the check again with --aff TEST to check attribution end to end.',
    },
  ];
});
