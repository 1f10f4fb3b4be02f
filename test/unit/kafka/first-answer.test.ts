import { describe, expect, it } from 'vitest';
import { firstAnswer } from '@/lib/kafka/metadata';

const after = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

describe('firstAnswer', () => {
  it('asks only the first candidate when it answers in time', async () => {
    const asked: string[] = [];
    const value = await firstAnswer(['a', 'b'], (c) => (asked.push(c), after(5, c)), 50);
    expect(value).toBe('a');
    expect(asked).toEqual(['a']);
  });

  it('asks the next one too when the first is slow, and takes whichever answers first', async () => {
    const asked: string[] = [];
    const startedAt = Date.now();
    const value = await firstAnswer(['hung', 'b'], (c) => (asked.push(c), after(c === 'hung' ? 5000 : 5, c)), 50);
    expect(value).toBe('b');
    expect(asked).toEqual(['hung', 'b']);
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('hands over at once when a candidate fails', async () => {
    const startedAt = Date.now();
    const value = await firstAnswer(['bad', 'b'], (c) => after(5, c, c === 'bad'), 10_000);
    expect(value).toBe('b');
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('rejects with every error, in candidate order, when none answers', async () => {
    const errors = await firstAnswer(['a', 'b', 'c'], (c) => after(c === 'a' ? 30 : 5, c, true), 10).catch(
      (e: unknown) => e,
    );
    expect((errors as Error[]).map((e) => e.message)).toEqual(['a', 'b', 'c']);
  });
});
