// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { startSpinner } from '../spinner';

/** A stream that records what is written to it. */
function recorder() {
  const chunks: string[] = [];
  const stream = { write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

describe('startSpinner', () => {
  it('without colour writes no escape sequence, and blanks its line with spaces when it stops', () => {
    const { stream, text } = recorder();
    const spinner = startSpinner(stream, false);
    spinner.update('[1/2] http://shop.example/');
    spinner.stop();
    expect(text()).not.toContain('\x1b');
    expect(text()).toContain('[1/2] http://shop.example/');
    expect(text().endsWith(`\r${' '.repeat('⠋ [1/2] http://shop.example/'.length)}\r`)).toBe(true);
  });

  it('with colour clears its line with an escape sequence', () => {
    const { stream, text } = recorder();
    const spinner = startSpinner(stream, true);
    spinner.update('page');
    spinner.stop();
    expect(text().endsWith('\r\x1b[2K')).toBe(true);
  });
});
