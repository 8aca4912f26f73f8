/**
 * What a frame's bridge has yet to send, capped by count and size (the page controls how
 * much there is), with every event lost to a cap counted: the count travels with the next
 * events as a `dropped` event, so nothing a page floods away vanishes without a trace.
 */
import type { BridgeEvent } from '../protocol/messages';
import { LIMITS } from './limits';
import { parseHookBatch } from './validate';

/** A hook batch as the page dispatched it; validated only when sent. */
export interface HookBatch {
  hookBatch: unknown;
}

/** The events waiting to be sent, in order. */
export class Outbox {
  private pending: (BridgeEvent | HookBatch)[] = [];
  private chars = 0;
  private batches = 0;
  private dropped = 0;

  /** Whether nothing waits. */
  get empty(): boolean {
    return this.pending.length === 0 && this.dropped === 0;
  }

  /**
   * Queues `e`. Only what the page controls is capped (hook batches, by count and size): past
   * a cap it is counted as dropped. The bridge's own events (links, cookie, load…) are bounded
   * where they are made and always kept, so no flood can push them out.
   */
  add(e: BridgeEvent | HookBatch): void {
    if (!('hookBatch' in e)) {
      this.pending.push(e);
      return;
    }
    const chars = typeof e.hookBatch === 'string' ? e.hookBatch.length : 0;
    if (this.batches >= LIMITS.pending || this.chars + chars > LIMITS.pendingChars) {
      this.dropped += batchLength(e.hookBatch);
      return;
    }
    this.pending.push(e);
    this.batches++;
    this.chars += chars;
  }

  /**
   * Everything waiting, validated and capped, ending with a `dropped` event when a cap cost
   * anything since the last take; `chars` is their rough size. Empties the box.
   */
  take(): { events: BridgeEvent[]; chars: number } {
    const events: BridgeEvent[] = [];
    /** Page events still allowed in this take; the bridge's own are never cut. */
    let room: number = LIMITS.pending;
    for (const e of this.pending) {
      if (!('hookBatch' in e)) {
        events.push(e);
        continue;
      }
      const parsed = parseHookBatch(e.hookBatch, (n) => (this.dropped += n));
      events.push(...parsed.slice(0, room));
      this.dropped += Math.max(0, parsed.length - room);
      room = Math.max(0, room - parsed.length);
    }
    const chars = this.chars + events.length * 200;
    const dropped = this.dropped;
    this.pending = [];
    this.chars = 0;
    this.batches = 0;
    this.dropped = 0;
    if (dropped > 0) events.push({ t: 'dropped', count: dropped });
    return { events, chars };
  }
}

/** How many events a refused hook batch held (1 when it cannot tell cheaply). */
function batchLength(batch: unknown): number {
  if (typeof batch !== 'string') return 1;
  // Each hook event is one object with a "t" key: counting them needs no parse.
  return Math.max(1, batch.split('{"t":').length - 1);
}
