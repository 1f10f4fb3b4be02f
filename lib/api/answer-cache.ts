/**
 * JSON answers that change once per collection cycle, serialized once per cycle.
 *
 * An answer is a small head made per request (freshness: `stale` and its reason depend
 * on the clock and on the last attempt) followed by the costly part (every group with its
 * partitions, every topic), which depends only on the cycle's snapshot and analysis. The
 * costly part is built and serialized once per `stamp` (the objects it was built from,
 * compared by identity: the collector replaces them every cycle and never changes them);
 * the whole body and its ETag once per head, which stays the same
 * until the next cycle unless the cluster becomes unreachable or overdue.
 */
import { cachedBody, type CachedBody } from './cached-body';

interface Entry {
  stamp: readonly unknown[];
  restJson: string;
  head?: { json: string; body: CachedBody };
}

const sameStamp = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

/** `{...head, ...rest}` as JSON text, from the two objects' JSON texts (keys distinct). */
export function joinJsonObjects(headJson: string, restJson: string): string {
  if (headJson === '{}') return restJson;
  if (restJson === '{}') return headJson;
  return `${headJson.slice(0, -1)},${restJson.slice(1)}`;
}

export class AnswerCache {
  /** One entry per slot (a cluster): the previous cycle's answer goes when the next one is built. */
  readonly #entries = new Map<string, Entry>();

  /** The body of `{...head, ...rest()}`, calling `rest` only when `stamp` differs from the slot's last. */
  answer(slot: string, stamp: readonly unknown[], head: object, rest: () => object): CachedBody {
    let entry = this.#entries.get(slot);
    if (!entry || !sameStamp(entry.stamp, stamp)) {
      entry = { stamp, restJson: JSON.stringify(rest()) };
      this.#entries.set(slot, entry);
    }
    const headJson = JSON.stringify(head);
    if (entry.head?.json !== headJson) {
      entry.head = { json: headJson, body: cachedBody(Buffer.from(joinJsonObjects(headJson, entry.restJson))) };
    }
    return entry.head.body;
  }
}
