// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../color';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('colorEnabled', () => {
  it.each<[string, { isTTY?: boolean }, NodeJS.ProcessEnv, boolean]>([
    ['a terminal', tty, {}, true],
    ['a pipe', pipe, {}, false],
    ['a stream that says nothing', {}, {}, false],
    ['NO_COLOR on a terminal', tty, { NO_COLOR: '1' }, false],
    ['NO_COLOR with any value', tty, { NO_COLOR: 'no' }, false],
    ['an empty NO_COLOR is unset', tty, { NO_COLOR: '' }, true],
    ['FORCE_COLOR into a pipe', pipe, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=3 into a pipe', pipe, { FORCE_COLOR: '3' }, true],
    ['FORCE_COLOR=0 on a terminal', tty, { FORCE_COLOR: '0' }, false],
    ['FORCE_COLOR=false on a terminal', tty, { FORCE_COLOR: 'false' }, false],
    ['an empty FORCE_COLOR is unset', pipe, { FORCE_COLOR: '' }, false],
    ['FORCE_COLOR wins over NO_COLOR', pipe, { NO_COLOR: '1', FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=0 and NO_COLOR', tty, { NO_COLOR: '1', FORCE_COLOR: '0' }, false],
    ['a dumb terminal', tty, { TERM: 'dumb' }, false],
    ['a dumb terminal, forced', tty, { TERM: 'dumb', FORCE_COLOR: '1' }, true],
  ])('%s → %s', (_name, stream, env, expected) => {
    expect(colorEnabled(stream, env)).toBe(expected);
  });
});
