/**
 * Failed password checks per client address and user name: after `limit` failures within
 * `windowMs`, that pair gets 429 without a password check until the oldest of them leaves
 * the window. Known and unknown names are counted alike, so being throttled says nothing
 * about whether a user exists; the address is part of the key so that guessing one user's
 * password from one place cannot lock that user out everywhere (behind a load balancer
 * every client may share one address).
 */
export class SignInThrottle {
  /** address → times of its recent failures, oldest first. */
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly limit = 10,
    readonly windowMs = 60_000,
    /** Addresses remembered at most: beyond, the longest-quiet ones are forgotten. */
    readonly maxAddresses = 10_000,
  ) {}

  /** 0 when `address` may try a password now, else how long until it may. */
  retryAfterMs(address: string, nowMs: number): number {
    const recent = this.#recent(address, nowMs);
    return recent.length < this.limit ? 0 : recent[recent.length - this.limit] + this.windowMs - nowMs;
  }

  failed(address: string, nowMs: number): void {
    const recent = this.#recent(address, nowMs);
    recent.push(nowMs);
    if (recent.length > this.limit) recent.splice(0, recent.length - this.limit);
    // Re-inserted last: Map order is then least recently failed first.
    this.#failures.delete(address);
    this.#failures.set(address, recent);
    if (this.#failures.size > this.maxAddresses) {
      this.#failures.delete(this.#failures.keys().next().value as string);
    }
  }

  #recent(address: string, nowMs: number): number[] {
    const times = this.#failures.get(address);
    if (!times) return [];
    const kept = times.filter((t) => t > nowMs - this.windowMs);
    if (kept.length === 0) this.#failures.delete(address);
    else if (kept.length !== times.length) this.#failures.set(address, kept);
    return kept;
  }
}

/** What authenticate() gives for an address that failed too often: no check was made. */
export interface Throttled {
  throttled: true;
  retryAfterMs: number;
}

export const isThrottled = (value: unknown): value is Throttled =>
  typeof value === 'object' && value !== null && (value as Partial<Throttled>).throttled === true;

/** The throttle's key for a password check: who asks, for which name. */
export const throttleKey = (address: string, username: string): string => JSON.stringify([address, username]);
