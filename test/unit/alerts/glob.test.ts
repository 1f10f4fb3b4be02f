import { describe, expect, it } from 'vitest';
import { globMatches, globMatchesEverything, globProblem, GlobPattern } from '@/lib/alerts/glob';

/** The obvious definition, with backtracking: fine for the short inputs of the comparison below. */
function reference(pattern: string, name: string): boolean {
  if (pattern === '') return name === '';
  if (pattern[0] === '*') {
    for (let i = 0; i <= name.length; i++) if (reference(pattern.slice(1), name.slice(i))) return true;
    return false;
  }
  return name !== '' && name[0] === pattern[0] && reference(pattern.slice(1), name.slice(1));
}

/** Every string over `alphabet` up to `maxLength` characters. */
function allStrings(alphabet: string, maxLength: number): string[] {
  const out = [''];
  for (let i = 0; i < out.length; i++) {
    if (out[i].length < maxLength) for (const c of alphabet) out.push(out[i] + c);
  }
  return out;
}

describe('globMatches', () => {
  it('matches * as any run of characters and everything else literally', () => {
    expect(globMatches('orders-*', 'orders-eu')).toBe(true);
    expect(globMatches('orders-*', 'orders-')).toBe(true);
    expect(globMatches('orders-*', 'old-orders-eu')).toBe(false);
    expect(globMatches('a.b', 'axb')).toBe(false);
    expect(globMatches('*', 'anything at all')).toBe(true);
    expect(globMatches('*', '')).toBe(true);
    expect(globMatches('billing', 'billing-2')).toBe(false);
    expect(globMatches('a*a', 'a')).toBe(false);
    expect(globMatches('*-eu-*-v2', 'orders-eu-west-v2')).toBe(true);
  });

  it('agrees with the backtracking definition on every pattern and name up to 5 characters over {a, b, *}', () => {
    const patterns = allStrings('ab*', 5);
    const names = allStrings('ab', 5);
    let compared = 0;
    for (const pattern of patterns) {
      for (const name of names) {
        expect(globMatches(pattern, name), `${pattern} ~ ${name}`).toBe(reference(pattern, name));
        compared++;
      }
    }
    expect(compared).toBe(364 * 63);
  });

  it('answers the patterns that made a backtracking matcher hang, on long names', () => {
    const name = 'a'.repeat(20_000);
    expect(globMatches(`${'*'.repeat(24)}x`, name)).toBe(false);
    expect(globMatches(`${'*a'.repeat(10)}b`, name)).toBe(false);
    expect(globMatches(`${'*a'.repeat(10)}*`, name)).toBe(true);
    expect(globMatches(`*${'a'.repeat(300)}b*`, name)).toBe(false);
  });
});

describe('globMatchesEverything', () => {
  it('is true only for patterns made of stars', () => {
    expect(globMatchesEverything('*')).toBe(true);
    expect(globMatchesEverything('***')).toBe(true);
    expect(globMatchesEverything('*a*')).toBe(false);
  });
});

describe('globProblem', () => {
  it('refuses patterns over 500 characters or with more than 10 runs of stars', () => {
    expect(globProblem('a'.repeat(500))).toBeNull();
    expect(globProblem('a'.repeat(501))).toMatch(/longer than 500/);
    expect(globProblem(`${'*'.repeat(24)}x`)).toBeNull();
    expect(globProblem('*a'.repeat(10))).toBeNull();
    expect(globProblem('*a'.repeat(11))).toMatch(/more than 10 runs/);
    expect(GlobPattern.safeParse('').success).toBe(false);
    expect(GlobPattern.safeParse('*a'.repeat(11)).success).toBe(false);
  });
});
