/**
 * Name patterns in alert overrides and silences: `*` matches any run of characters,
 * everything else is literal, and the whole name must match.
 *
 * Patterns come from the API (silences) and are stored, so matching must never
 * backtrack: a pattern is split at its stars into literal pieces, the first must
 * start the name, the last must end it, and the ones between are found left to
 * right (the leftmost place is always as good as any later one). Each piece is
 * searched with KMP, so a match costs O(pattern + name) whatever the input.
 */
import { z } from 'zod';

/** Longest pattern accepted from the config or the API. */
export const GLOB_MAX_LENGTH = 500;
/** Most stars in one pattern (runs of stars count once). */
export const GLOB_MAX_STARS = 10;

interface CompiledGlob {
  /** The literal pieces between stars; length 1 means no star. */
  pieces: string[];
  /** KMP failure table per middle piece (pieces[1 .. n-2]). */
  failures: Int32Array[];
}

function failureTable(piece: string): Int32Array {
  const table = new Int32Array(piece.length);
  let k = 0;
  for (let i = 1; i < piece.length; i++) {
    while (k > 0 && piece[i] !== piece[k]) k = table[k - 1];
    if (piece[i] === piece[k]) k++;
    table[i] = k;
  }
  return table;
}

/** First index ≥ from where `piece` occurs in `text` and ends by `end`; -1 if none. Linear time. */
function indexOfKmp(text: string, piece: string, failure: Int32Array, from: number, end: number): number {
  let k = 0;
  for (let i = from; i < end; i++) {
    while (k > 0 && text[i] !== piece[k]) k = failure[k - 1];
    if (text[i] === piece[k]) k++;
    if (k === piece.length) return i - piece.length + 1;
  }
  return -1;
}

function compile(pattern: string): CompiledGlob {
  const pieces = pattern.split('*');
  const middle = pieces.slice(1, -1).filter((p) => p !== '');
  const compiled = pieces.length === 1 ? pieces : [pieces[0], ...middle, pieces[pieces.length - 1]];
  return { pieces: compiled, failures: compiled.slice(1, -1).map(failureTable) };
}

const cache = new Map<string, CompiledGlob>();

function compiled(pattern: string): CompiledGlob {
  let glob = cache.get(pattern);
  if (!glob) {
    glob = compile(pattern);
    if (cache.size >= 1_000) cache.clear();
    cache.set(pattern, glob);
  }
  return glob;
}

export function globMatches(pattern: string, name: string): boolean {
  const { pieces, failures } = compiled(pattern);
  if (pieces.length === 1) return pattern === name;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const end = name.length - last.length;
  if (end < first.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let position = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const at = indexOfKmp(name, pieces[i], failures[i - 1], position, end);
    if (at < 0) return false;
    position = at + pieces[i].length;
  }
  return true;
}

/** True when the pattern matches every name (it is only stars). */
export const globMatchesEverything = (pattern: string) => /^\*+$/.test(pattern);

/** Why a pattern is refused (too long, too many stars), or null. */
export function globProblem(pattern: string): string | null {
  if (pattern.length > GLOB_MAX_LENGTH) return `pattern longer than ${GLOB_MAX_LENGTH} characters`;
  const stars = pattern.match(/\*+/g)?.length ?? 0;
  if (stars > GLOB_MAX_STARS) return `pattern with more than ${GLOB_MAX_STARS} runs of *`;
  return null;
}

/** A pattern field in the config or an API body: non-empty and within the bounds above. */
export const GlobPattern = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    const problem = globProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
