/** A one-line spinner on stderr while a page is checked (only on a terminal). */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Spinner {
  /** Shows `text` after the spinning frame. */
  update(text: string): void;
  /** Clears the line and stops. */
  stop(): void;
}

export function startSpinner(stream: NodeJS.WriteStream): Spinner {
  let text = '';
  let frame = 0;
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`);
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    update(next) {
      text = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      stream.write('\r\x1b[2K');
    },
  };
}
