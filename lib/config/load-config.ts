/**
 * Reads the clusters to watch: WATERMARK_CONFIG (a JSON or YAML file) or, failing
 * that, the single cluster in KAFKA_BROKERS (id "default").
 */
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { brokersFromEnv, ConfigError } from './brokers-from-env';
import { findJsonSyntaxError } from './json-syntax-error';
import { ClusterConfig, HistoryConfig, WatermarkConfig, MetricsConfig } from './schema';

export { ConfigError };

type Env = Record<string, string | undefined>;

type Issue = z.core.$ZodIssue;

/** Does the value at this issue's place have another type than the schema wants (not merely a bad value)? */
function isTypeMismatch(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value') return true;
  return issue.code === 'invalid_union' && issue.errors.length > 0 && issue.errors.every((b) => b.some(isTypeMismatch));
}

/**
 * For a union none of whose options matched, the issue of the one option whose type the value
 * has: `tls: { keyPassword: … }` is wrong inside the object, not for failing to be `true`.
 */
function innermost(issue: Issue): { path: PropertyKey[]; message: string } {
  if (issue.code === 'invalid_union') {
    const typed = issue.errors.filter((branch) => !branch.some(isTypeMismatch));
    if (typed.length === 1 && typed[0].length > 0) {
      const inner = innermost(typed[0][0]);
      return { path: [...issue.path, ...inner.path], message: inner.message };
    }
  }
  return { path: issue.path, message: issue.message };
}

const joinPath = (path: PropertyKey[]) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');

/** "clusters[1] (id "prod"): brokers[0]: expected host:port" */
function describeIssue(issue: Issue, raw: unknown): string {
  const { path, message } = innermost(issue);
  const [first, index, ...rest] = path;
  let where = joinPath(path);
  if (first === 'clusters' && typeof index === 'number') {
    const id = (raw as { clusters?: { id?: unknown }[] })?.clusters?.[index]?.id;
    const field = joinPath(rest);
    where = `clusters[${index}]${typeof id === 'string' ? ` (id "${id}")` : ''}${field ? `: ${field}` : ''}`;
  }
  return `${where || '(top level)'}: ${message}`;
}

/**
 * Where and why the text is not JSON or YAML. Parser messages quote the offending text,
 * which may hold a secret: this gives the position and a reason of its own (YAML's error code).
 */
function syntaxError(text: string, json: boolean, error: unknown): string {
  if (json) {
    const at = findJsonSyntaxError(text);
    return at ? ` at line ${at.line}, column ${at.column}: ${at.reason}` : '';
  }
  const { linePos, code } = error as { linePos?: { line: number; col: number }[]; code?: string };
  const position = linePos?.[0];
  const reason = code ? `: ${code.toLowerCase().replace(/_/g, ' ')}` : '';
  return position ? ` at line ${position.line}, column ${position.col}${reason}` : reason;
}

export function parseConfigText(text: string, fileName: string): WatermarkConfig {
  const json = /\.json$/i.test(fileName);
  // Editors on Windows may start a file with a byte order mark, which JSON.parse refuses.
  const body = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = json ? JSON.parse(body) : parseYaml(body);
  } catch (error) {
    throw new ConfigError(`${fileName}: not valid ${json ? 'JSON' : 'YAML'}${syntaxError(body, json, error)}`);
  }
  const result = WatermarkConfig.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`${fileName}: ${describeIssue(result.error.issues[0], raw)}`);
  }
  return result.data;
}

/** The WATERMARK_CONFIG file the clusters are read from, if any: every error about them names it. */
export function configFileOf(env: Env): string | undefined {
  return env.WATERMARK_CONFIG?.trim() || undefined;
}

/**
 * The config file's text. The path is the operator's, known at run time only: keep the
 * bundler's file tracer off it. Read inside loadConfig, the tracer saw configFileOf's value
 * as "any path, or the name `undefined`" and copied the whole project into every server route.
 */
function readConfigFile(file: string): string {
  try {
    return fs.readFileSync(/* turbopackIgnore: true */ file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `WATERMARK_CONFIG: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export function loadConfig(env: Env = process.env): WatermarkConfig {
  const file = configFileOf(env);
  if (file) return parseConfigText(readConfigFile(file), file);
  const cluster = ClusterConfig.parse({ id: 'default', name: 'default', brokers: brokersFromEnv(env) });
  return {
    clusters: [cluster],
    history: HistoryConfig.parse({}),
    metrics: MetricsConfig.parse({}),
    auth: { mode: 'none' },
  };
}
