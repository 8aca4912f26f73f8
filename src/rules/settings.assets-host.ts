/** `settings.assets-host`: `po('settings','assets_host', X)` with X not an absolute https URL. */
import { callTarget } from './calls';
import { defineRule } from './rule';
import { show } from './text';
import { parseUrl } from './urls';

export default defineRule('settings.assets-host', ({ assetsHostCalls }) =>
  assetsHostCalls
    .filter(({ value }) => typeof value !== 'string' || parseUrl(value)?.protocol !== 'https:')
    .map((setting) => ({
      severity: 'warning',
      message: `assets_host is set to ${show(setting.value)}, not an absolute https: URL, so universal.js looks for the program settings in the wrong place.`,
      fix: "Use po('settings', 'assets_host', 'https://assets.partnero.com'), or remove the call to use the default.",
      target: callTarget(setting),
    })),
);
