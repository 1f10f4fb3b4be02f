import bcrypt from 'bcryptjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBasicAuthorization, PasswordCheck } from '@/lib/auth/password-check';

const NOW_MS = Date.UTC(2025, 0, 1);
// Cost 4, the lowest bcrypt allows: fast enough for unit tests.
const adaHash = bcrypt.hashSync('correct horse', 4);
const bobHash = bcrypt.hashSync('battery staple', 4);

function check(): PasswordCheck {
  return new PasswordCheck([
    { username: 'ada', passwordHash: adaHash },
    { username: 'bob', passwordHash: bobHash },
  ]);
}

/** The Authorization header of HTTP Basic for this text. */
const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PasswordCheck.verify', () => {
  it('accepts the right password and answers the user name', async () => {
    expect(await check().verify('ada', 'correct horse', NOW_MS)).toBe('ada');
    expect(await check().verify('bob', 'battery staple', NOW_MS)).toBe('bob');
  });

  it('refuses a wrong password, another user’s password and an empty one', async () => {
    const passwords = check();
    expect(await passwords.verify('ada', 'correct horse!', NOW_MS)).toBeNull();
    expect(await passwords.verify('ada', 'battery staple', NOW_MS)).toBeNull();
    expect(await passwords.verify('ada', '', NOW_MS)).toBeNull();
  });

  it('accepts a hash written as $2y$ (htpasswd -B)', async () => {
    const passwords = new PasswordCheck([{ username: 'ada', passwordHash: adaHash.replace(/^\$2b\$/, '$2y$') }]);
    expect(await passwords.verify('ada', 'correct horse', NOW_MS)).toBe('ada');
  });

  it('refuses an unknown user exactly as it refuses a wrong password', async () => {
    const passwords = check();
    const unknown = await passwords.verify('nobody', 'correct horse', NOW_MS);
    const wrong = await passwords.verify('ada', 'wrong', NOW_MS);
    expect(unknown).toBeNull();
    expect(wrong).toBeNull();
    expect(unknown).toStrictEqual(wrong);
  });

  it('spends a bcrypt comparison of the configured cost on an unknown user too', async () => {
    const passwords = check();
    const compare = vi.spyOn(bcrypt, 'compare');
    await passwords.verify('nobody', 'x', NOW_MS);
    await passwords.verify('ada', 'x', NOW_MS);
    expect(compare).toHaveBeenCalledTimes(2);
    const [decoy, real] = compare.mock.calls.map((call) => String(call[1]));
    expect(real).toBe(adaHash);
    expect(decoy).not.toBe(adaHash);
    expect(bcrypt.getRounds(decoy)).toBe(bcrypt.getRounds(adaHash));
  });

  it('gives the decoy the cost most users have, not the first one', async () => {
    const cost5 = bcrypt.hashSync('x', 5);
    const passwords = new PasswordCheck([
      { username: 'ada', passwordHash: adaHash },
      { username: 'bob', passwordHash: cost5 },
      { username: 'cy', passwordHash: bcrypt.hashSync('y', 5) },
    ]);
    const compare = vi.spyOn(bcrypt, 'compare');
    await passwords.verify('nobody', 'x', NOW_MS);
    expect(bcrypt.getRounds(String(compare.mock.calls[0][1]))).toBe(5);
  });

  it('remembers a success for five minutes without comparing again, but never a failure', async () => {
    const passwords = check();
    const compare = vi.spyOn(bcrypt, 'compare');
    expect(await passwords.verify('ada', 'correct horse', NOW_MS)).toBe('ada');
    expect(await passwords.verify('ada', 'correct horse', NOW_MS + 60_000)).toBe('ada');
    expect(compare).toHaveBeenCalledTimes(1);
    expect(await passwords.verify('ada', 'wrong', NOW_MS + 60_000)).toBeNull();
    expect(await passwords.verify('ada', 'wrong', NOW_MS + 60_000)).toBeNull();
    expect(compare).toHaveBeenCalledTimes(3);
    expect(await passwords.verify('ada', 'correct horse', NOW_MS + 5 * 60_000)).toBe('ada');
    expect(compare).toHaveBeenCalledTimes(4);
  });

  it('does not let a remembered success of one user stand for another user', async () => {
    const passwords = check();
    expect(await passwords.verify('ada', 'correct horse', NOW_MS)).toBe('ada');
    expect(await passwords.verify('bob', 'correct horse', NOW_MS)).toBeNull();
  });

  it('refuses everyone when no user is configured', async () => {
    expect(await new PasswordCheck([]).verify('ada', 'correct horse', NOW_MS)).toBeNull();
  });
});

describe('parseBasicAuthorization', () => {
  it('reads the user name and password of a Basic header', () => {
    expect(parseBasicAuthorization(basic('ada:correct horse'))).toEqual({ username: 'ada', password: 'correct horse' });
  });

  it('accepts the scheme in any case', () => {
    expect(parseBasicAuthorization(basic('ada:pw').replace('Basic', 'bAsIc'))).toEqual({
      username: 'ada',
      password: 'pw',
    });
  });

  it('splits at the first colon, so a password may contain colons', () => {
    expect(parseBasicAuthorization(basic('ada:pa:ss:word'))).toEqual({ username: 'ada', password: 'pa:ss:word' });
  });

  it('keeps an empty password and an empty user name as they were sent', () => {
    expect(parseBasicAuthorization(basic('ada:'))).toEqual({ username: 'ada', password: '' });
    expect(parseBasicAuthorization(basic(':pw'))).toEqual({ username: '', password: 'pw' });
  });

  it('reads UTF-8 user names and passwords', () => {
    expect(parseBasicAuthorization(basic('zoë:pässwörd'))).toEqual({ username: 'zoë', password: 'pässwörd' });
  });

  it('refuses a decoded value without a colon', () => {
    expect(parseBasicAuthorization(basic('adapassword'))).toBeNull();
  });

  it('refuses text that is not base64', () => {
    expect(parseBasicAuthorization('Basic ada:password')).toBeNull();
    expect(parseBasicAuthorization('Basic YWRh!OnB3')).toBeNull();
  });

  it('refuses other schemes, a bare scheme and a missing header', () => {
    expect(parseBasicAuthorization(`Bearer ${Buffer.from('ada:pw').toString('base64')}`)).toBeNull();
    expect(parseBasicAuthorization('Basic')).toBeNull();
    expect(parseBasicAuthorization('Basic ')).toBeNull();
    expect(parseBasicAuthorization('')).toBeNull();
    expect(parseBasicAuthorization(undefined)).toBeNull();
  });
});
