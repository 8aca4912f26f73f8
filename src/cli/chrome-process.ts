/**
 * Starting Chromium without Puppeteer: the browser boots (~0.5 s) while Node loads Puppeteer
 * (~0.25 s), which then connects over the same DevTools pipe `puppeteer.launch` would use.
 * Only `node:` modules here, so nothing delays the spawn.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/**
 * Puppeteer's own Chromium flags for automation (`puppeteer.defaultArgs()` with extensions
 * enabled, less the profile and start page, which `spawnChrome`'s caller adds): a unit test
 * keeps this list in step with the installed Puppeteer.
 */
export const PUPPETEER_CHROME_ARGS = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--enable-unsafe-extension-debugging',
];

/**
 * Chromium reads only the last `--disable-features` and the last `--enable-features`: every
 * list given is joined into one flag each, where the first stood (as Puppeteer's launcher does).
 */
export function mergeFeatureFlags(args: readonly string[]): string[] {
  const merged: string[] = [];
  const lists = new Map<string, string[]>();
  for (const arg of args) {
    const flag = /^(--(?:disable|enable)-features)=(.*)$/.exec(arg);
    if (!flag) {
      merged.push(arg);
      continue;
    }
    const [, name = '', value = ''] = flag;
    const names = value.split(',').filter(Boolean);
    const list = lists.get(name);
    if (list) list.push(...names.filter((n) => !list.includes(n)));
    else {
      lists.set(name, names);
      merged.push(name);
    }
  }
  return merged.map((arg) => (lists.has(arg) ? `${arg}=${(lists.get(arg) ?? []).join(',')}` : arg));
}

/** A spawned Chromium and the pipe to its DevTools endpoint. */
export interface ChromeProcess {
  proc: ChildProcess;
  transport: PipeTransport;
  /** Rejects, with the browser's last words, if it fails to start or exits; never resolves. */
  failed: Promise<never>;
  /** Ends the browser's whole process group now (synchronous, safe to call twice). */
  kill(): void;
}

/** What Chromium last wrote on stderr, kept for a launch failure's message. */
const STDERR_TAIL = 2000;

/**
 * Spawns Chromium with `--remote-debugging-pipe` (fd 3 in, fd 4 out) as its own process group,
 * which is ended with the CLI: on exit and on SIGINT / SIGTERM / SIGHUP, as Puppeteer's launcher
 * does; `afterKill` then runs (synchronously).
 */
export function spawnChrome(executablePath: string, args: string[], afterKill?: () => void): ChromeProcess {
  const proc = spawn(executablePath, [...mergeFeatureFlags(args), '--remote-debugging-pipe'], {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  let tail = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-STDERR_TAIL);
  });
  const failed = new Promise<never>((_, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code, signal) =>
      reject(new Error(`the browser exited (${code ?? signal}) before it answered: ${lastLine(tail)}`)),
    );
  });
  failed.catch(() => undefined);
  const kill = () => killGroup(proc);
  // Ended with the CLI: the browser, then what `afterKill` tidies (its profile).
  const onExit = () => {
    kill();
    afterKill?.();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  process.once('exit', onExit);
  for (const s of signals) process.once(s, onSignal);
  proc.once('exit', () => {
    process.off('exit', onExit);
    for (const s of signals) process.off(s, onSignal);
  });
  const [, , , write, read] = proc.stdio as [null, null, Readable, Writable, Readable];
  return { proc, transport: new PipeTransport(write, read), failed, kill };
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? 'no output'
  );
}

/** SIGKILLs `proc`'s process group (Chromium's helpers too), or `proc` alone where there is none. */
export function killGroup(proc: ChildProcess): void {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    if (proc.pid !== undefined && process.platform !== 'win32') process.kill(-proc.pid, 'SIGKILL');
    else proc.kill('SIGKILL');
  } catch {
    proc.kill('SIGKILL');
  }
}

/** Ids of the transport's own commands: far above any Puppeteer numbers its own from 1. */
const OWN_IDS_FROM = 2_000_000_000;

/**
 * DevTools over a pipe: messages are JSON, each ended by a NUL byte. Delivered one per
 * macrotask, in order, as Puppeteer's own pipe transport does. `call` sends a command of its own
 * before Puppeteer has loaded; its answer is kept from Puppeteer.
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #write: Writable;
  #pending: Buffer[] = [];
  #closed = false;
  #nextId = OWN_IDS_FROM;
  #calls = new Map<number, { resolve(result: unknown): void; reject(err: Error): void }>();

  constructor(write: Writable, read: Readable) {
    this.#write = write;
    // A browser ended mid-message resets its pipes: nothing to report, the close says it.
    write.on('error', () => undefined);
    read.on('error', () => undefined);
    read.on('data', (chunk: Buffer) => this.#dispatch(chunk));
    read.on('close', () => {
      for (const call of this.#calls.values()) call.reject(new Error('the browser closed its pipe'));
      this.#calls.clear();
      if (!this.#closed) this.onclose?.();
    });
  }

  /** Sends a DevTools command of the transport's own and resolves with its result. */
  call(method: string, params: Record<string, unknown>): Promise<unknown> {
    const id = this.#nextId++;
    const answer = new Promise((resolve, reject) => this.#calls.set(id, { resolve, reject }));
    this.send(JSON.stringify({ id, method, params }));
    return answer;
  }

  /** Sends one message. */
  send(message: string): void {
    if (this.#closed) return;
    this.#write.write(message);
    this.#write.write('\0');
  }

  /** Stops delivering messages. */
  close(): void {
    this.#closed = true;
  }

  #dispatch(chunk: Buffer): void {
    if (this.#closed) return;
    this.#pending.push(chunk);
    if (!chunk.includes(0)) return;
    const all = Buffer.concat(this.#pending);
    let start = 0;
    for (let end = all.indexOf(0); end !== -1; end = all.indexOf(0, start)) {
      const message = all.toString('utf8', start, end);
      start = end + 1;
      if (this.#calls.size > 0 && this.#answered(message)) continue;
      setImmediate(() => {
        if (!this.#closed) this.onmessage?.(message);
      });
    }
    this.#pending = start < all.length ? [all.subarray(start)] : [];
  }

  /** Settles the own command `message` answers; false for every other message. */
  #answered(message: string): boolean {
    if (!message.startsWith(`{"id":`)) return false;
    const { id, result, error } = JSON.parse(message) as {
      id: number;
      result?: unknown;
      error?: { message?: string };
    };
    const call = this.#calls.get(id);
    if (!call) return false;
    this.#calls.delete(id);
    if (error) call.reject(new Error(error.message ?? 'DevTools error'));
    else call.resolve(result);
    return true;
  }
}
