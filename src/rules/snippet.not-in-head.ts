/** `snippet.not-in-head`: the loader runs from <body> or later instead of before </head>. */
import { defineRule } from './rule';

export default defineRule('snippet.not-in-head', ({ page }) => {
  // Only the first run matters: a later duplicate is `snippet.duplicate`'s business.
  const first = page.loaderRuns.find(({ frame }) => frame === 'top');
  if (first?.inHead !== false) return [];
  return [
    {
      severity: 'warning',
      message: 'The Partnero loader runs from <body> or is injected late, not before </head>.',
      fix: 'Move the snippet into <head> (in Next.js use strategy="beforeInteractive") so early clicks and referrals are tracked.',
      target: { frame: first.frame },
    },
  ];
});
