/**
 * Name patterns in alert overrides and silences: `*` matches any run of characters,
 * everything else is literal, and the whole name must match.
 */
const cache = new Map<string, RegExp>();

export function globMatches(pattern: string, name: string): boolean {
  let regex = cache.get(pattern);
  if (!regex) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${body}$`, 's');
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, regex);
  }
  return regex.test(name);
}
