/**
 * Secrets named in the config (`{ env: NAME }` or `{ file: path }`), and the errors that
 * name where a bad value was configured. A secret's value never appears in a message.
 */
import { ConfigError } from './brokers-from-env';
import type { ConfigInputs } from './config-inputs';
import type { SecretRef } from './schema';

/** Where a cluster was configured: the WATERMARK_CONFIG file (absent for KAFKA_BROKERS) and the cluster's id. */
export interface ClusterSource {
  configFile?: string;
  clusterId: string;
}

/** `/etc/watermark.yaml: cluster "prod": sasl.password: environment variable KAFKA_PASSWORD is not set` */
export function clusterConfigError(source: ClusterSource, field: string, problem: string): ConfigError {
  const file = source.configFile ? `${source.configFile}: ` : '';
  return new ConfigError(`${file}cluster "${source.clusterId}": ${field}: ${problem}`);
}

/** "ENOENT" for a read error that carries a code. */
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/**
 * The secret's value with trailing whitespace removed, for `{ env }` and `{ file }` alike:
 * files written by `echo`, editors and secret stores end in a newline the password does not
 * have. Leading whitespace is kept. An empty value is an error (a secret store that has not
 * written the file yet, a variable set to nothing).
 */
export function readSecret(ref: SecretRef, field: string, inputs: ConfigInputs, source: ClusterSource): string {
  return secretValue(ref, inputs, (problem) => clusterConfigError(source, field, problem));
}

/** Like readSecret(), for a secret outside any cluster: `/etc/watermark.yaml: auth.sessionSecret: …`. */
export function readConfigSecret(
  ref: SecretRef,
  field: string,
  inputs: ConfigInputs,
  configFile: string | undefined,
): string {
  return secretValue(
    ref,
    inputs,
    (problem) => new ConfigError(`${configFile ? `${configFile}: ` : ''}${field}: ${problem}`),
  );
}

function secretValue(ref: SecretRef, inputs: ConfigInputs, fail: (problem: string) => ConfigError): string {
  if ('env' in ref) {
    const value = inputs.variable(ref.env);
    if (value === undefined) throw fail(`environment variable ${ref.env} is not set`);
    const trimmed = value.trimEnd();
    if (!trimmed) throw fail(`environment variable ${ref.env} is empty`);
    return trimmed;
  }
  let text: string;
  try {
    text = inputs.file(ref.file).toString('utf8');
  } catch (error) {
    throw fail(`cannot read ${ref.file} (${errorCode(error)})`);
  }
  const trimmed = text.trimEnd();
  if (!trimmed) throw fail(`${ref.file} is empty`);
  return trimmed;
}
