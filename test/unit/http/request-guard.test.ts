import { describe, expect, it } from 'vitest';
import { checkRequest, hostName, hostPolicy, isAllowedHost, type GuardedRequest } from '@/lib/http/request-guard';

const policy = hostPolicy(['watermark.internal', '*.example.org'], 'https://dash.example.com/', {}, 'box-7');

function request(overrides: Partial<GuardedRequest> = {}): GuardedRequest {
  return {
    method: 'GET',
    url: '/api/clusters',
    host: '127.0.0.1:3000',
    origin: undefined,
    contentLength: undefined,
    ...overrides,
  };
}

describe('hostName', () => {
  it('drops the port and brackets and lower-cases', () => {
    expect(hostName('Dash.Example.com:443')).toBe('dash.example.com');
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('localhost')).toBe('localhost');
    expect(hostName('example.com.')).toBe('example.com');
  });
});

describe('isAllowedHost', () => {
  it('allows IP literals, localhost, the configured names, subdomains of a *. entry, publicUrl and the machine name', () => {
    for (const host of [
      '127.0.0.1:3000',
      '10.1.2.3',
      '[::1]:3000',
      'localhost:3000',
      'app.localhost',
      'watermark.internal',
      'a.example.org',
      'dash.example.com',
      'BOX-7:3000',
    ]) {
      expect(isAllowedHost(host, policy), host).toBe(true);
    }
  });

  it('refuses any other name, including look-alikes', () => {
    for (const host of [
      'evil.example',
      'example.org',
      'watermark.internal.evil.example',
      'dash.example.com.evil',
      'localhost.evil',
    ]) {
      expect(isAllowedHost(host, policy), host).toBe(false);
    }
  });

  it('reads extra names from WATERMARK_ALLOWED_HOSTS', () => {
    const fromEnv = hostPolicy(undefined, undefined, { WATERMARK_ALLOWED_HOSTS: 'a.example, b.example ' }, 'box');
    expect(isAllowedHost('b.example:80', fromEnv)).toBe(true);
    expect(isAllowedHost('c.example', fromEnv)).toBe(false);
  });
});

describe('checkRequest', () => {
  it('lets an ordinary request through', () => {
    expect(checkRequest(request(), policy)).toBeNull();
    expect(checkRequest(request({ url: '/clusters/default/groups/team%20a%2F%C3%BC' }), policy)).toBeNull();
  });

  it('answers TRACE, TRACK and CONNECT with 405', () => {
    for (const method of ['TRACE', 'track', 'CONNECT']) {
      expect(checkRequest(request({ method }), policy)?.status, method).toBe(405);
    }
  });

  it('answers a malformed %-encoding in the path with 400, but not one in the query', () => {
    for (const url of ['/api/clusters/default/groups/%C3%28', '/clusters/x/groups/%FF%FE', '/a/%zz', '/a/%']) {
      expect(checkRequest(request({ url }), policy), url).toMatchObject({ status: 400 });
    }
    expect(checkRequest(request({ url: '/api/clusters?q=%zz' }), policy)).toBeNull();
  });

  it('answers a foreign Host with 403 naming it and the setting to change', () => {
    expect(checkRequest(request({ host: 'evil.example' }), policy)).toMatchObject({
      status: 403,
      message: expect.stringMatching(/host "evil.example" is not allowed: add it to allowedHosts/),
    });
  });

  it('refuses a state-changing request from another origin, and allows one from its own', () => {
    const post = { method: 'POST', url: '/api/clusters/default/silences', host: 'localhost:3000' };
    expect(checkRequest(request({ ...post, origin: 'http://localhost:3000' }), policy)).toBeNull();
    expect(checkRequest(request({ ...post, origin: 'https://evil.example' }), policy)?.status).toBe(403);
    expect(checkRequest(request({ ...post, origin: 'null' }), policy)?.status).toBe(403);
    expect(checkRequest(request({ ...post, origin: undefined }), policy)).toBeNull();
    expect(checkRequest(request({ origin: 'https://evil.example' }), policy)).toBeNull();
  });

  it('answers a declared body over 16 KiB with 413 before reading it', () => {
    expect(checkRequest(request({ method: 'POST', contentLength: String(16 * 1024) }), policy)).toBeNull();
    expect(checkRequest(request({ method: 'POST', contentLength: String(200 * 1024 * 1024) }), policy)?.status).toBe(
      413,
    );
  });
});
