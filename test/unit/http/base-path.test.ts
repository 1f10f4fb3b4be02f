import { describe, expect, it } from 'vitest';
import { appPathOf, basePathOfUrl, basePathProblem, publicPageUrl, withBasePath } from '@/lib/http/base-path';

describe('base path', () => {
  it('accepts the root and /a/b paths, and says what is wrong with others', () => {
    for (const ok of ['', '/watermark', '/ops/kafka-dash', '/a.b/c_d~e']) expect(basePathProblem(ok), ok).toBeNull();
    for (const bad of ['/', 'watermark', '/watermark/', '/a//b', '/a b', '/ä', '/a?b', '/..', '/a/./b', '/a/../b']) {
      expect(basePathProblem(bad), bad).toMatch(/a path like \/watermark/);
    }
  });

  it('adds the base path to app paths, the root becoming the base path itself', () => {
    expect(withBasePath('/api/clusters', '')).toBe('/api/clusters');
    expect(withBasePath('/api/clusters?x=1', '/watermark')).toBe('/watermark/api/clusters?x=1');
    expect(withBasePath('/', '/watermark')).toBe('/watermark');
    expect(withBasePath('/', '')).toBe('/');
  });

  it('takes it off request paths, and tells paths outside it', () => {
    expect(appPathOf('/watermark/clusters/a?b=1', '/watermark')).toBe('/clusters/a?b=1');
    expect(appPathOf('/watermark', '/watermark')).toBe('/');
    expect(appPathOf('/watermark?next=x', '/watermark')).toBe('/?next=x');
    expect(appPathOf('/watermark/', '/watermark')).toBe('/');
    expect(appPathOf('/watermarks/clusters', '/watermark')).toBeNull();
    expect(appPathOf('/clusters', '/watermark')).toBeNull();
    expect(appPathOf('/clusters', '')).toBe('/clusters');
  });

  it('builds public links under publicUrl, keeping its path (new URL(path, base) would drop it)', () => {
    expect(publicPageUrl('https://ops.example.com/watermark', '/clusters/prod')).toBe(
      'https://ops.example.com/watermark/clusters/prod',
    );
    expect(publicPageUrl('https://ops.example.com/watermark/', '/clusters/prod?tab=lag')).toBe(
      'https://ops.example.com/watermark/clusters/prod?tab=lag',
    );
    expect(publicPageUrl('https://dash.example.com', '/sign-in?reason=signed-out')).toBe(
      'https://dash.example.com/sign-in?reason=signed-out',
    );
    expect(publicPageUrl('http://127.0.0.1:3000/', '/clusters/a%2Fb')).toBe('http://127.0.0.1:3000/clusters/a%2Fb');
  });

  it("reads publicUrl's path as a base path", () => {
    expect(basePathOfUrl('https://ops.example.com/watermark/')).toBe('/watermark');
    expect(basePathOfUrl('https://ops.example.com/')).toBe('');
    expect(basePathOfUrl('https://ops.example.com')).toBe('');
  });
});
