/**
 * Checks a user name and password against auth.users' bcrypt hashes. bcrypt is slow on
 * purpose (~50–250 ms of CPU), so an API client sending HTTP Basic on every request is
 * checked once and then remembered for a few minutes by a keyed digest of what it sent.
 * An unknown user costs the same comparison as a known one, and both fail the same way:
 * the answer never tells whether a user exists.
 */
import { createHmac, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

export interface PasswordUser {
  username: string;
  passwordHash: string;
}

const REMEMBER_MS = 5 * 60_000;
const MAX_REMEMBERED = 1_000;

export class PasswordCheck {
  readonly #users: Map<string, PasswordUser>;
  /** Compared against for unknown users: the same cost as a real hash of the same cost factor. */
  readonly #decoyHash: string;
  readonly #digestKey = randomBytes(32);
  /** digest of (user, password) → when the success stops being remembered. */
  readonly #remembered = new Map<string, number>();

  constructor(users: readonly PasswordUser[]) {
    this.#users = new Map(users.map((u) => [u.username, u]));
    // The cost most users' hashes have: an unknown name then takes as long as most known ones.
    const costs = users.map((u) => Number(u.passwordHash.slice(4, 6)));
    const cost = mostCommon(costs) ?? 10;
    this.#decoyHash = bcrypt.hashSync(randomBytes(16).toString('hex'), cost);
  }

  /** The user's name when the password is theirs, else null. */
  async verify(username: string, password: string, nowMs = Date.now()): Promise<string | null> {
    const digest = createHmac('sha256', this.#digestKey).update(`${username}\0${password}`).digest('base64');
    const until = this.#remembered.get(digest);
    if (until !== undefined && until > nowMs && this.#users.has(username)) return username;
    const user = this.#users.get(username);
    const matches = await bcrypt.compare(password, user?.passwordHash ?? this.#decoyHash);
    if (!matches || !user) return null;
    if (this.#remembered.size >= MAX_REMEMBERED) this.#remembered.clear();
    this.#remembered.set(digest, nowMs + REMEMBER_MS);
    return user.username;
  }
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
}

/** `Authorization: Basic …` → user and password, or null when it is not Basic or malformed. */
export function parseBasicAuthorization(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
