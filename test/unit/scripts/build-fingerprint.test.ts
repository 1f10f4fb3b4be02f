import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildFingerprint,
  buildInputFiles,
  staleBuildReason,
  writeBuildRecord,
} from '../../../scripts/demo/build-fingerprint';

let root = '';

function write(relative: string, text: string): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-fingerprint-'));
  write('app/page.tsx', 'export default function Page() {}\n');
  write('lib/format/a.ts', 'export const a = 1;\n');
  write('components/ui/b.tsx', 'export const b = 2;\n');
  write('public/favicon.svg', '<svg/>');
  write('package.json', '{"name":"x"}');
  write('package-lock.json', '{}');
  write('next.config.js', 'module.exports = {};');
  write('README.md', '# x');
  write('test/unit/a.test.ts', 'it();');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('buildInputFiles', () => {
  it('lists the inputs of next build, sorted, and leaves out tests and docs', () => {
    expect(buildInputFiles(root)).toEqual([
      'app/page.tsx',
      'components/ui/b.tsx',
      'lib/format/a.ts',
      'next.config.js',
      'package-lock.json',
      'package.json',
      'public/favicon.svg',
    ]);
  });

  it('includes the .env files next build reads', () => {
    write('.env.local', 'X=1');
    write('.envrc', 'not next');
    expect(buildInputFiles(root)).toContain('.env.local');
    expect(buildInputFiles(root)).not.toContain('.envrc');
  });
});

describe('buildFingerprint', () => {
  it('is the same for the same sources, whatever their timestamps', () => {
    const before = buildFingerprint(root);
    fs.utimesSync(path.join(root, 'lib/format/a.ts'), new Date(0), new Date(0));
    expect(buildFingerprint(root)).toBe(before);
  });

  it('changes when a source is edited, added, removed or renamed', () => {
    const seen = new Set([buildFingerprint(root)]);
    write('lib/format/a.ts', 'export const a = 2;\n');
    seen.add(buildFingerprint(root));
    write('lib/format/c.ts', '');
    seen.add(buildFingerprint(root));
    fs.rmSync(path.join(root, 'public/favicon.svg'));
    seen.add(buildFingerprint(root));
    fs.renameSync(path.join(root, 'lib/format/c.ts'), path.join(root, 'lib/format/d.ts'));
    seen.add(buildFingerprint(root));
    write('package-lock.json', '{"lockfileVersion":3}');
    seen.add(buildFingerprint(root));
    expect(seen.size).toBe(6);
  });

  it('does not change when files outside the inputs change', () => {
    const before = buildFingerprint(root);
    write('README.md', '# changed');
    write('test/unit/b.test.ts', 'it();');
    write('scripts/demo.ts', '');
    expect(buildFingerprint(root)).toBe(before);
  });

  it('tells moving bytes between a file name and its contents apart', () => {
    write('lib/ab', '');
    const before = buildFingerprint(root);
    fs.rmSync(path.join(root, 'lib/ab'));
    write('lib/a', 'b');
    expect(buildFingerprint(root)).not.toBe(before);
  });
});

describe('staleBuildReason', () => {
  const distDir = () => path.join(root, '.next');

  it('says there is no build when .next has no BUILD_ID', () => {
    expect(staleBuildReason(distDir(), 'f1')).toBe('no production build yet');
  });

  it('does not reuse a build it has no record of', () => {
    write('.next/BUILD_ID', 'build-1');
    expect(staleBuildReason(distDir(), 'f1')).toBe('the build was not made by the demo');
  });

  it('reuses a build recorded with the same fingerprint and BUILD_ID', () => {
    write('.next/BUILD_ID', 'build-1');
    writeBuildRecord(distDir(), 'f1', new Date('2026-01-01T00:00:00Z'));
    expect(staleBuildReason(distDir(), 'f1')).toBeNull();
  });

  it('rebuilds when the sources changed', () => {
    write('.next/BUILD_ID', 'build-1');
    writeBuildRecord(distDir(), 'f1');
    expect(staleBuildReason(distDir(), 'f2')).toBe('the sources changed since the last build');
  });

  it('rebuilds when another next build replaced the recorded one', () => {
    write('.next/BUILD_ID', 'build-1');
    writeBuildRecord(distDir(), 'f1');
    write('.next/BUILD_ID', 'build-2');
    expect(staleBuildReason(distDir(), 'f1')).toBe('the build was replaced since the demo made it');
  });

  it('refuses to record a build that is not there', () => {
    expect(() => writeBuildRecord(distDir(), 'f1')).toThrow(/No BUILD_ID/);
  });
});
