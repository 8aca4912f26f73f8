/** CSP directives: the one the merchant must edit, and whether a block was a script load. */
import { describe, expect, it } from 'vitest';
import { isScriptDirective, policyDirective } from '../csp';

const GUIDE_ONLY = "script-src 'self' 'unsafe-inline' https://app.partnero.com; connect-src 'self'";

describe('policyDirective', () => {
  it.each<[string, string, string, string]>([
    ['script-src-elem falls back to script-src', 'script-src-elem', GUIDE_ONLY, 'script-src'],
    [
      'script-src-elem named in the policy',
      'script-src-elem',
      "script-src-elem 'self'; script-src *",
      'script-src-elem',
    ],
    ['script-src-elem falls back to default-src', 'script-src-elem', "default-src 'self'", 'default-src'],
    ['connect-src named', 'connect-src', GUIDE_ONLY, 'connect-src'],
    ['img-src falls back to default-src', 'img-src', "default-src 'self'; script-src 'self'", 'default-src'],
    ['frame-src falls back to child-src', 'frame-src', "child-src 'none'", 'child-src'],
    ['any case, spaces', ' Script-Src-Elem ', "  SCRIPT-SRC 'self' ;", 'script-src'],
    ['policy unknown: the reported name', 'script-src-elem', '', 'script-src-elem'],
    ['policy without it or a fallback: the reported name', 'connect-src', "script-src 'self'", 'connect-src'],
  ])('%s', (_name, effective, policy, expected) => {
    expect(policyDirective(effective, policy)).toBe(expected);
  });
});

describe('isScriptDirective', () => {
  it.each<[string, boolean]>([
    ['script-src', true],
    ['script-src-elem', true],
    ['SCRIPT-SRC-ELEM', true],
    ['script-src-attr', false],
    ['connect-src', false],
    ['img-src', false],
    ['default-src', false],
    ['', false],
  ])('%s → %s', (directive, expected) => {
    expect(isScriptDirective(directive)).toBe(expected);
  });
});
