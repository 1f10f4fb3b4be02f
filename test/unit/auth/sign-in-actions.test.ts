import bcrypt from 'bcryptjs';
import { describe, expect, it, vi } from 'vitest';
import { authSettings, type AuthSettings } from '@/lib/auth/auth-settings';
import { SESSION_COOKIE } from '@/lib/auth/request-gate';
import { basicSignIn } from '@/lib/auth/sign-in-actions';
import { AuthConfig } from '@/lib/config/auth-schema';
import { PEER_HEADER } from '@/lib/http/request-guard';
import { log } from '@/lib/log/logger';

vi.spyOn(log, 'warn').mockImplementation(() => undefined);
vi.spyOn(log, 'info').mockImplementation(() => undefined);

const NOW_MS = Date.UTC(2025, 0, 1);

function basicSettings(): AuthSettings {
  const auth = AuthConfig.parse({
    mode: 'basic',
    users: [{ username: 'ada', passwordHash: bcrypt.hashSync('correct horse', 4) }],
  });
  return authSettings({ auth }, {});
}

/** The sign-in form's POST from `peer`. */
function form(username: string, password: string, peer = '192.0.2.7'): Request {
  return new Request('http://localhost/auth/basic', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', [PEER_HEADER]: peer },
    body: new URLSearchParams({ username, password, next: '/clusters' }).toString(),
  });
}

describe('basicSignIn', () => {
  it('signs the right password in with a session, back to the page asked for', async () => {
    const response = await basicSignIn(basicSettings(), form('ada', 'correct horse'), NOW_MS);
    expect(response.headers.get('location')).toBe('/clusters');
    expect(response.headers.getSetCookie()[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
  });

  it('sends a wrong password back to the form as failed, with no session', async () => {
    const response = await basicSignIn(basicSettings(), form('ada', 'wrong'), NOW_MS);
    expect(response.headers.get('location')).toBe('/sign-in?reason=failed&next=%2Fclusters');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('throttles an address that tries a new name every time after thirty failures, even for the right password', async () => {
    const settings = basicSettings();
    for (let i = 0; i < 30; i++) {
      const response = await basicSignIn(settings, form(`name-${i}`, 'wrong'), NOW_MS + i);
      expect(response.headers.get('location')).toMatch(/reason=failed/);
    }
    const next = await basicSignIn(settings, form('name-30', 'wrong'), NOW_MS + 30);
    expect(next.headers.get('location')).toBe('/sign-in?reason=throttled&next=%2Fclusters');
    const right = await basicSignIn(settings, form('ada', 'correct horse'), NOW_MS + 30);
    expect(right.headers.get('location')).toMatch(/reason=throttled/);
    const elsewhere = await basicSignIn(settings, form('ada', 'correct horse', '192.0.2.8'), NOW_MS + 30);
    expect(elsewhere.headers.get('location')).toBe('/clusters');
    const later = await basicSignIn(settings, form('ada', 'correct horse'), NOW_MS + 60_000);
    expect(later.headers.get('location')).toBe('/clusters');
  });
});
