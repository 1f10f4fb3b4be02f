/**
 * The message of the ConfigError a config check throws, for tests of config errors.
 */
import { expect } from 'vitest';
import { ConfigError } from '@/lib/config/load-config';

/** The ConfigError message thrown by `fn`; fails the test if nothing (or something else) is thrown. */
export function configErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}
