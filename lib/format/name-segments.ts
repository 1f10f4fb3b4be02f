/**
 * Where a long Kafka name may wrap: after its separators, never inside a word, so a narrow
 * column shows "clickstream-" / "archiver" rather than "clickst" / "ream-archiv" / "er".
 */

const SEPARATORS = new Set(['.', '-', '_']);

/**
 * The name cut after each run of separators (. - _) that has a letter or digit on both
 * sides: "demo.clickstream-archiver" → ["demo.", "clickstream-", "archiver"]. Leading and
 * trailing separators stay with their word ("__consumer_offsets" → ["__consumer_", "offsets"]).
 * Joined, the segments are the name again; "" → [""].
 */
export function nameSegments(name: string): string[] {
  const segments: string[] = [];
  let start = 0;
  for (let i = 1; i < name.length; i++) {
    const breakHere = SEPARATORS.has(name[i - 1]) && !SEPARATORS.has(name[i]);
    const wordBefore = [...name.slice(start, i)].some((c) => !SEPARATORS.has(c));
    if (breakHere && wordBefore) {
      segments.push(name.slice(start, i));
      start = i;
    }
  }
  segments.push(name.slice(start));
  return segments;
}
