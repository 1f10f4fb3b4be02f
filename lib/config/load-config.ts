/**
 * Reads the clusters to watch: WATERMARK_CONFIG (a JSON or YAML file) or, failing
 * that, the single cluster in KAFKA_BROKERS (id "default").
 */
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { brokersFromEnv, ConfigError } from './brokers-from-env';
import { ClusterConfig, HistoryConfig, WatermarkConfig } from './schema';

export { ConfigError };

type Env = Record<string, string | undefined>;

/** "clusters[1] (id "prod"): brokers[0]: expected host:port" */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const [first, index, ...rest] = issue.path;
  let where = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  if (first === 'clusters' && typeof index === 'number') {
    const id = (raw as { clusters?: { id?: unknown }[] })?.clusters?.[index]?.id;
    const field = rest
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    where = `clusters[${index}]${typeof id === 'string' ? ` (id "${id}")` : ''}${field ? `: ${field}` : ''}`;
  }
  return `${where || '(top level)'}: ${issue.message}`;
}

export function parseConfigText(text: string, fileName: string): WatermarkConfig {
  const json = /\.json$/i.test(fileName);
  let raw: unknown;
  try {
    raw = json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    // Parser messages quote the offending text, which may hold a secret: give the position only.
    const position = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const where = position ? ` at line ${position.line}, column ${position.col}` : '';
    throw new ConfigError(`${fileName}: not valid ${json ? 'JSON' : 'YAML'}${where}`);
  }
  const result = WatermarkConfig.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`${fileName}: ${describeIssue(result.error.issues[0], raw)}`);
  }
  return result.data;
}

export function loadConfig(env: Env = process.env): WatermarkConfig {
  const file = env.WATERMARK_CONFIG?.trim();
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(
        `WATERMARK_CONFIG: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    return parseConfigText(text, file);
  }
  const cluster = ClusterConfig.parse({ id: 'default', name: 'default', brokers: brokersFromEnv(env) });
  return { clusters: [cluster], history: HistoryConfig.parse({}) };
}
