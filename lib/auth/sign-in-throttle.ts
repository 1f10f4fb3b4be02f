/**
 * Failed password checks per key, a client address and user name (throttleKey) or an
 * address alone: after `limit` failures within `windowMs`, that key gets 429 without a
 * password check until the oldest of them leaves the window. Known and unknown names are
 * counted alike, so being throttled says nothing about whether a user exists; the address
 * is part of the key so that guessing one user's password from one place cannot lock that
 * user out everywhere (behind a load balancer every client may share one address).
 */
export class SignInThrottle {
  /** key → times of its recent failures, oldest first. */
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

/**
 * Both limits a password check must pass: per address and name (above), and per address
 * whatever the name, with a larger budget. The first alone lets one address try a new name
 * every time and never be slowed, while each try costs a bcrypt comparison on the event
 * loop; the second is larger so that people sharing an address (an office, a load
 * balancer) can still mistype, and one of them guessing cannot lock the rest out at once.
 */
export class SignInLimits {
  constructor(
    readonly perName = new SignInThrottle(10),
    readonly perAddress = new SignInThrottle(30),
  ) {}

  /** 0 when `address` may check a password for `username` now, else how long until both limits allow it. */
  retryAfterMs(address: string, username: string, nowMs: number): number {
    const forName = this.perName.retryAfterMs(throttleKey(address, username), nowMs);
    return Math.max(forName, this.perAddress.retryAfterMs(address, nowMs));
  }

  failed(address: string, username: string, nowMs: number): void {
    this.perName.failed(throttleKey(address, username), nowMs);
    this.perAddress.failed(address, nowMs);
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
