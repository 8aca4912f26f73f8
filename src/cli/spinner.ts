/**
 * A one-line spinner on stderr while a page is checked (only on a terminal). With colour off
 * (src/cli/color.ts: `NO_COLOR`) it writes no escape sequence at all: it redraws with `\r` and
 * blanks the line with spaces.
 */
import { columns, painter } from '../report/text';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A running spinner. */
export interface Spinner {
  /** Shows `text` after the spinning frame. */
  update(text: string): void;
  /** Clears the line and stops. */
  stop(): void;
}

/** Starts spinning on `stream`; `color` allows escape sequences (the frame in cyan, ESC [2K to clear). */
export function startSpinner(stream: NodeJS.WriteStream, color: boolean): Spinner {
  const paint = painter(color);
  let text = '';
  let frame = 0;
  let drawn = 0;
  const clear = () => (color ? '\r\x1b[2K' : `\r${' '.repeat(drawn)}\r`);
  const draw = () => {
    const line = `${paint('cyan', FRAMES[frame++ % FRAMES.length] ?? '')} ${text}`;
    stream.write(`${clear()}${line}`);
    drawn = columns(line);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    update(next) {
      text = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      stream.write(clear());
    },
  };
}
